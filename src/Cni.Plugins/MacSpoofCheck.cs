using System.Globalization;
using System.Text;
using Cni.Plugins.Internal;
using Cni.Plugins.Internal.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Plugins;

/// <summary>
/// macspoofchk: frames the container sends with any source MAC but its own are dropped on the
/// bridge. The reference's nftables rules, made with the <c>nft</c> tool in one transaction: in
/// table <c>bridge nat</c>, chain <c>PREROUTING</c> (hook prerouting, priority -300) jumps from the
/// host veth to <c>cni-br-iface-ID-IFNAME</c>, which jumps to <c>…-mac</c>: return for the
/// container's MAC, drop for the rest. Every rule is commented <c>macspoofchk-ID-IFNAME</c>.
/// Set-up and tear-down are spans of <see cref="PluginDiagnostics.ActivitySourceName"/>; the rules given
/// to <c>nft</c> are logged at Debug.
/// </summary>
/// <param name="containerId">The container (CNI_CONTAINERID).</param>
/// <param name="ifName">The container's interface (CNI_IFNAME).</param>
/// <param name="logger">Where the rules written are logged (Debug).</param>
public sealed class MacSpoofCheck(string containerId, string ifName, ILogger logger)
{
    private readonly string _reference = $"{containerId}-{ifName}";
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <summary>The spoof check of a container's interface, logging nothing.</summary>
    /// <param name="containerId">The container (CNI_CONTAINERID).</param>
    /// <param name="ifName">The container's interface (CNI_IFNAME).</param>
    public MacSpoofCheck(string containerId, string ifName)
        : this(containerId, ifName, NullLogger.Instance)
    {
    }

    private string Chain => "cni-br-iface-" + _reference;

    private string MacChain => Chain + "-mac";

    private string Comment => $"\"macspoofchk-{_reference}\"";

    /// <summary>Drops what the container sends through <paramref name="hostVeth"/> from any MAC but <paramref name="containerMac"/>; a repeated set-up replaces the rules.</summary>
    /// <param name="hostVeth">The node's end of the container's veth, a bridge port.</param>
    /// <param name="containerMac">The container interface's MAC, as <see cref="MacAddress.Format(ReadOnlySpan{byte})"/> writes it.</param>
    /// <param name="cancellationToken">Cancels the <c>nft</c> run.</param>
    /// <returns>A task that completes when the rules are in.</returns>
    /// <exception cref="CniException"><c>nft</c> failed (its message is included).</exception>
    public Task SetUpAsync(string hostVeth, string containerMac, CancellationToken cancellationToken)
        => PluginTelemetry.TraceRulesAsync("spoof check set up", () => WriteRulesAsync(hostVeth, containerMac, cancellationToken), AttachmentTags());

    /// <summary>
    /// Removes the jump (found by its comment) and the two chains; needs neither the namespace
    /// nor the veth, so it works on DEL after the container is gone. Nothing to remove is no
    /// error. The table and PREROUTING stay, as the reference leaves them.
    /// </summary>
    /// <param name="cancellationToken">Cancels the <c>nft</c> runs.</param>
    /// <returns>A task that completes when the rules are gone.</returns>
    /// <exception cref="CniException"><c>nft</c> failed.</exception>
    public Task TearDownAsync(CancellationToken cancellationToken)
        => PluginTelemetry.TraceRulesAsync("spoof check tear down", () => RemoveRulesAsync(cancellationToken), AttachmentTags());

    private KeyValuePair<string, object?>[] AttachmentTags()
        => [PluginTelemetry.Tag(PluginTags.ContainerId, containerId), PluginTelemetry.Tag(PluginTags.IfName, ifName)];

    private async Task WriteRulesAsync(string hostVeth, string containerMac, CancellationToken cancellationToken)
    {
        var script = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $$"""
                table bridge nat {
                  chain PREROUTING { type filter hook prerouting priority -300; policy accept; }
                  chain {{Chain}} {}
                  chain {{MacChain}} {}
                }
                flush chain bridge nat {{Chain}}
                flush chain bridge nat {{MacChain}}
                add rule bridge nat PREROUTING iifname "{{hostVeth}}" jump {{Chain}} comment {{Comment}}
                add rule bridge nat {{Chain}} jump {{MacChain}} comment {{Comment}}
                add rule bridge nat {{MacChain}} ether saddr {{containerMac}} return comment {{Comment}}
                add rule bridge nat {{MacChain}} drop comment {{Comment}}

                """);
        var run = await ExternalCommand.RunAsync("nft", ["-f", "-"], script.ToString(), _logger, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new CniException($"failed to setup spoof-check: {run.Error.Trim()}");
        }
    }

    private async Task RemoveRulesAsync(CancellationToken cancellationToken)
    {
        var table = await ExternalCommand.RunAsync("nft", ["-a", "list", "table", "bridge", "nat"], null, _logger, cancellationToken).ConfigureAwait(false);
        if (table.ExitCode != 0)
        {
            return; // No bridge nat table: nothing was set up.
        }

        var script = new StringBuilder();
        string? currentChain = null;
        foreach (var line in table.Output.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("chain ", StringComparison.Ordinal))
            {
                currentChain = line.Split(' ')[1];
            }
            else if (currentChain == "PREROUTING" && line.Contains($"comment {Comment} # handle ", StringComparison.Ordinal))
            {
                script.Append(CultureInfo.InvariantCulture, $"delete rule bridge nat PREROUTING handle {line[(line.LastIndexOf(' ') + 1)..]}\n");
            }
        }

        foreach (var chain in (string[])[Chain, MacChain])
        {
            if (table.Output.Contains($"chain {chain} {{", StringComparison.Ordinal))
            {
                script.Append(CultureInfo.InvariantCulture, $"delete chain bridge nat {chain}\n");
            }
        }

        if (script.Length == 0)
        {
            return;
        }

        var run = await ExternalCommand.RunAsync("nft", ["-f", "-"], script.ToString(), _logger, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new CniException($"failed to teardown spoof-check: {run.Error.Trim()}");
        }
    }
}
