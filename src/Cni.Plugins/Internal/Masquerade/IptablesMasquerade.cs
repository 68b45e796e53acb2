using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Cni.Plugins.Internal;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Internal.Masquerade;

/// <summary>
/// The iptables masquerade backend (<c>ipMasqBackend: "iptables"</c>, the default), the only
/// one of the reference 1.1.1. The rules are the reference's, made with the iptables tools: one chain per
/// container in table nat, <c>CNI-</c> + 24 hex digits of SHA-512(network name + container ID),
/// reached from POSTROUTING by the container's source address, every rule commented with the
/// network name and container ID. Each family's rules go in with one <c>iptables-restore</c>
/// (one process instead of one per rule).
/// </summary>
internal sealed class IptablesMasquerade(string network, string containerId, ILogger logger)
{
    public string Chain { get; } = "CNI-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(network + containerId)))[..24];

    public string Comment { get; } = $"name: {GoQuote(network)} id: {GoQuote(containerId)}";

    /// <summary>Masquerades what each address (with its prefix) sends outside its own subnet.</summary>
    public async Task SetUpAsync(IEnumerable<IPCidr> addresses, CancellationToken cancellationToken)
    {
        foreach (var family in addresses.GroupBy(a => a.IsIPv4))
        {
            var multicast = family.Key ? "224.0.0.0/4" : "ff00::/8";
            var comment = RestoreQuote(Comment);
            // Declaring the chain creates it, or (with --noflush) empties it: it is this container's alone.
            var rules = new StringBuilder("*nat\n").Append(CultureInfo.InvariantCulture, $":{Chain} - [0:0]\n");
            foreach (var address in family)
            {
                rules.Append(CultureInfo.InvariantCulture, $"-A {Chain} -d {address.Network.BaseAddress}/{address.PrefixLength} -j ACCEPT -m comment --comment {comment}\n")
                    .Append(CultureInfo.InvariantCulture, $"-A {Chain} ! -d {multicast} -j MASQUERADE -m comment --comment {comment}\n")
                    .Append(CultureInfo.InvariantCulture, $"-A POSTROUTING -s {address.Address} -j {Chain} -m comment --comment {comment}\n");
            }

            await RestoreAsync(family.Key, rules.Append("COMMIT\n").ToString(), logger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes the container's rules and chain in both families. It needs no address (the
    /// POSTROUTING rules are found by their jump to the chain), so it works after the container's
    /// namespace is gone, where the reference leaks them. Nothing to remove is no error.
    /// </summary>
    public Task TearDownAsync(CancellationToken cancellationToken)
        => RemoveChainsAsync(chain => chain == Chain, commentPrefix: "", logger, cancellationToken);

    /// <summary>
    /// GC (spec 1.1.0): removes the masquerade chains of this network (found by the comment of
    /// their POSTROUTING jump) that belong to none of the valid containers.
    /// </summary>
    public static Task CollectGarbageAsync(string network, IEnumerable<string> validContainerIds, ILogger logger, CancellationToken cancellationToken)
    {
        var valid = validContainerIds.Select(id => new IptablesMasquerade(network, id, logger).Chain).ToHashSet(StringComparer.Ordinal);
        var commentPrefix = "--comment " + RestoreQuote($"name: {GoQuote(network)} id: ")[..^1];
        return RemoveChainsAsync(chain => !valid.Contains(chain), commentPrefix, logger, cancellationToken);
    }

    // For each family: the POSTROUTING jumps to CNI- chains the filter picks (and whose rule holds
    // the comment prefix) are deleted, then those chains, all with one iptables-restore. A retry
    // (another run deleted some of them in between) finishes what the first listing chose and
    // nothing more: chains made since then are not this run's to judge.
    private static async Task RemoveChainsAsync(Func<string, bool> remove, string commentPrefix, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var ipv4 in (bool[])[true, false])
        {
            HashSet<string>? chosen = null;
            await ListThenDelete.RunAsync(async () =>
            {
                var (doomed, rules) = await PlanRemovalAsync(ipv4, c => remove(c) && (chosen is null || chosen.Contains(c)), commentPrefix, logger, cancellationToken).ConfigureAwait(false);
                chosen ??= doomed;
                if (doomed.Count > 0)
                {
                    await RestoreAsync(ipv4, rules, logger, cancellationToken).ConfigureAwait(false);
                }
            }, logger).ConfigureAwait(false);
        }
    }

    // The chains to remove and the iptables-restore input that removes them (none when there is no iptables).
    private static async Task<(HashSet<string> Chains, string Rules)> PlanRemovalAsync(bool ipv4, Func<string, bool> remove, string commentPrefix, ILogger logger, CancellationToken cancellationToken)
    {
        (int ExitCode, string Output, string Error) table;
        try
        {
            table = await ExternalCommand.RunAsync(ipv4 ? "iptables" : "ip6tables", ["--wait", "-t", "nat", "-S"], null, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ([], ""); // No iptables (or ip6tables) on this node: no rules were made with it either.
        }

        var lines = table.Output.Split('\n');
        var chains = lines.Where(l => l.StartsWith("-N CNI-", StringComparison.Ordinal)).Select(l => l[3..]).ToHashSet(StringComparer.Ordinal);
        var rules = new StringBuilder("*nat\n");
        var doomed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.StartsWith("-A POSTROUTING ", StringComparison.Ordinal) && l.Contains(commentPrefix, StringComparison.Ordinal)))
        {
            var chain = line[(line.LastIndexOf(' ') + 1)..];
            if (chains.Contains(chain) && remove(chain))
            {
                // iptables -S prints rules in iptables-restore's syntax: "-A" becomes "-D".
                rules.Append("-D").Append(line.AsSpan(2)).Append('\n');
                doomed.Add(chain);
            }
        }

        // A chain left without its jump (a failed ADD of the reference, say) goes too when it is ours to remove.
        doomed.UnionWith(chains.Where(c => commentPrefix.Length == 0 && remove(c)));
        foreach (var chain in doomed)
        {
            rules.Append(CultureInfo.InvariantCulture, $"-F {chain}\n-X {chain}\n");
        }

        return (doomed, rules.Append("COMMIT\n").ToString());
    }

    // --wait: another process (kube-proxy, another plugin run) may hold the xtables lock.
    private static async Task RestoreAsync(bool ipv4, string rules, ILogger logger, CancellationToken cancellationToken)
    {
        var tool = ipv4 ? "iptables-restore" : "ip6tables-restore";
        var run = await ExternalCommand.RunAsync(tool, ["--wait", "--noflush"], rules, logger, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new CniException($"{tool} failed (exit status {run.ExitCode}): {run.Error.Trim()}");
        }
    }

    // Go's %q: double quotes, with backslash escapes for quotes, backslashes and control characters.
    private static string GoQuote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\t' => quoted.Append("\\t"),
                '\r' => quoted.Append("\\r"),
                < ' ' or '\x7f' => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    // A word in iptables-restore input, quoted as iptables-save quotes a comment.
    private static string RestoreQuote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
