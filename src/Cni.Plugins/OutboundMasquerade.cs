using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cni.Plugins.Internal;
using Cni.Plugins.Internal.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Plugins;

/// <summary>
/// Masquerades traffic from a node's pod addresses to everything outside a set of destinations (the
/// cluster's pod network, multicast), with one nftables table of its own: what a pod network does
/// instead of each attachment's <c>ipMasq</c>, which would also masquerade traffic to pods on other
/// nodes. <c>nft</c> must be on PATH; the rules apply to the network namespace of the calling thread.
/// Applying and removing are spans of <see cref="PluginDiagnostics.ActivitySourceName"/>; the rules given to
/// <c>nft</c> are logged at Debug.
/// </summary>
/// <param name="tableName">The <c>inet</c> table the rules live in (for example <c>cni_cluster</c>); nothing else is touched.</param>
/// <param name="logger">Where the rules written are logged (Debug).</param>
public sealed class OutboundMasquerade(string tableName, ILogger logger)
{
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <summary>Outbound masquerade in a table of its own, logging nothing.</summary>
    /// <param name="tableName">The <c>inet</c> table the rules live in (for example <c>cni_cluster</c>); nothing else is touched.</param>
    public OutboundMasquerade(string tableName)
        : this(tableName, NullLogger.Instance)
    {
    }

    /// <summary>The table's family and name as nft names it.</summary>
    public string Table { get; } = IsNftName(tableName) ? "inet " + tableName : throw new ArgumentException($"\"{tableName}\" is not an nftables name (letters, digits, _ and -, starting with a letter).", nameof(tableName));

    /// <summary>
    /// Makes the table hold exactly these rules, in one <c>nft -f -</c> transaction (the table is
    /// recreated, so a second call with the same arguments leaves the same single set of rules):
    /// traffic from a <paramref name="sources"/> address to an address in none of
    /// <paramref name="keepSourceFor"/> leaves with the node's address.
    /// </summary>
    /// <param name="sources">The pod blocks whose traffic is masqueraded when it leaves.</param>
    /// <param name="keepSourceFor">Destinations reached without NAT (the cluster's pod network); IPv4 multicast and IPv6 link-local multicast are always kept.</param>
    /// <param name="cancellationToken">Cancels waiting for nft.</param>
    /// <exception cref="CniException"><c>nft</c> failed (its message is included).</exception>
    public async Task ApplyAsync(IReadOnlyCollection<IPCidr> sources, IReadOnlyCollection<IPCidr> keepSourceFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(keepSourceFor);
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"table {Table}\ndelete table {Table}\ntable {Table} {{\n");
        script.Append("  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        AppendRules(script, "ip", AddressFamily.InterNetwork, "224.0.0.0/4", sources, keepSourceFor);
        AppendRules(script, "ip6", AddressFamily.InterNetworkV6, "ff02::/16", sources, keepSourceFor);
        script.Append("  }\n}\n");
        await RunAsync(script.ToString(), "set up", "outbound masquerade apply", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the table; none there is no error.</summary>
    /// <param name="cancellationToken">Cancels waiting for nft.</param>
    /// <exception cref="CniException"><c>nft</c> failed (its message is included).</exception>
    public Task RemoveAsync(CancellationToken cancellationToken)
        => RunAsync($"table {Table}\ndelete table {Table}\n", "remove", "outbound masquerade remove", cancellationToken);

    private static void AppendRules(StringBuilder script, string protocol, AddressFamily family, string multicast, IReadOnlyCollection<IPCidr> sources, IReadOnlyCollection<IPCidr> keepSourceFor)
    {
        var kept = keepSourceFor.Where(c => c.Address.AddressFamily == family).Select(c => c.Network.ToString()).Append(multicast);
        foreach (var source in sources.Where(c => c.Address.AddressFamily == family))
        {
            script.Append(CultureInfo.InvariantCulture, $"    {protocol} saddr {source.Network} {protocol} daddr != {{ {string.Join(", ", kept)} }} masquerade\n");
        }
    }

    private Task RunAsync(string script, string what, string operation, CancellationToken cancellationToken)
        => PluginTelemetry.TraceRulesAsync(
            operation,
            async () =>
            {
                var run = await ExternalCommand.RunAsync("nft", ["-f", "-"], script, _logger, cancellationToken).ConfigureAwait(false);
                if (run.ExitCode != 0)
                {
                    throw new CniException($"failed to {what} masquerading in table {Table}: {run.Error.Trim()}");
                }
            },
            PluginTelemetry.Tag(PluginTags.Table, Table));

    private static bool IsNftName(string name)
        => name is { Length: > 0 and <= 64 } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
