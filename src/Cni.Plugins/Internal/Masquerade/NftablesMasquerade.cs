using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Cni.Plugins.Internal;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Internal.Masquerade;

/// <summary>
/// The nftables masquerade backend (<c>ipMasqBackend: "nftables"</c>), with the layout of the
/// reference plugins 1.5+, so both plugins' rules look alike on a node and either removes the
/// other's. Table <c>inet cni_plugins_masquerade</c>: base chain <c>postrouting</c> (nat,
/// priority srcnat) lets multicast pass and jumps (goto) to <c>masq_checks</c>, which holds one
/// rule per container address, <c>ip saddr == ADDRESS ip daddr != SUBNET masquerade</c>, commented
/// <c>HASH(network)-HASH(ifname:containerID), net: …, if: …, id: …</c>. Rules are found again by
/// that comment, so DEL and GC need no address. Everything goes through one <c>nft -f -</c>
/// transaction.
/// </summary>
internal sealed class NftablesMasquerade(string network, string ifName, string containerId, ILogger logger)
{
    private const string Table = "inet cni_plugins_masquerade";
    private const string Chain = "masq_checks";

    // nftables (and the reference's library) keep at most 128 characters of a comment.
    private const int CommentLengthMax = 128;

    /// <summary>The start of every comment of this attachment's rules.</summary>
    public string InstanceHash { get; } = NetworkHash(network) + "-" + Hash16(ifName + ":" + containerId);

    /// <summary>The comment of this attachment's rules.</summary>
    public string Comment => Truncate($"{InstanceHash}, net: {Unquoted(network)}, if: {Unquoted(ifName)}, id: {Unquoted(containerId)}");

    /// <summary>
    /// Ensures the table and chains, resets postrouting's three rules, replaces this attachment's
    /// rules (a repeated ADD leaves no duplicate) with one per address: one transaction.
    /// </summary>
    public Task SetUpAsync(IEnumerable<IPCidr> addresses, CancellationToken cancellationToken)
        => ListThenDelete.RunAsync(() => ReplaceRulesAsync(addresses, cancellationToken), logger);

    /// <summary>Deletes this attachment's rules; a missing table or chain, or no <c>nft</c> at all, means there are none.</summary>
    public Task TearDownAsync(CancellationToken cancellationToken)
        => ListThenDelete.RunAsync(async () =>
        {
            var rules = await FindRulesAsync(InstanceHash, logger, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(rules.Select(r => r.Handle), logger, cancellationToken).ConfigureAwait(false);
        }, logger);

    /// <summary>GC (spec 1.1.0): deletes the network's rules that belong to none of the valid attachments.</summary>
    public static Task CollectGarbageAsync(string network, IEnumerable<CniAttachment> validAttachments, ILogger logger, CancellationToken cancellationToken)
    {
        var valid = validAttachments.Select(a => new NftablesMasquerade(network, a.IfName, a.ContainerId, logger).Comment).ToHashSet(StringComparer.Ordinal);

        // A retry finishes what the first listing chose (rule handles are never reused) and nothing
        // more: rules made since then are not this run's to judge.
        HashSet<string>? chosen = null;
        return ListThenDelete.RunAsync(async () =>
        {
            var rules = await FindRulesAsync(NetworkHash(network), logger, cancellationToken).ConfigureAwait(false);
            var doomed = rules.Where(r => !valid.Contains(r.Comment) && (chosen is null || chosen.Contains(r.Handle))).Select(r => r.Handle).ToList();
            chosen ??= [.. doomed];
            await DeleteAsync(doomed, logger, cancellationToken).ConfigureAwait(false);
        }, logger);
    }

    private async Task ReplaceRulesAsync(IEnumerable<IPCidr> addresses, CancellationToken cancellationToken)
    {
        var stale = await FindRulesAsync(InstanceHash, logger, cancellationToken).ConfigureAwait(false);
        var script = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $$"""
                add table {{Table}} { comment "Masquerading for plugins from github.com/containernetworking/plugins" ; }
                add chain {{Table}} {{Chain}} { comment "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet" ; }
                add chain {{Table}} postrouting { type nat hook postrouting priority srcnat ; }
                flush chain {{Table}} postrouting
                add rule {{Table}} postrouting ip daddr == 224.0.0.0/4 return
                add rule {{Table}} postrouting ip6 daddr == ff00::/8 return
                add rule {{Table}} postrouting goto {{Chain}}

                """);
        AppendDeletes(script, stale.Select(r => r.Handle));
        foreach (var address in addresses)
        {
            var family = address.IsIPv4 ? "ip" : "ip6";
            script.Append(CultureInfo.InvariantCulture,
                $"add rule {Table} {Chain} {family} saddr == {address.Address} {family} daddr != {address.Network.BaseAddress}/{address.PrefixLength} masquerade comment \"{Comment}\"\n");
        }

        await RunAsync(script.ToString(), logger, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(IEnumerable<string> handles, ILogger logger, CancellationToken cancellationToken)
    {
        var script = new StringBuilder();
        AppendDeletes(script, handles);
        if (script.Length > 0)
        {
            await RunAsync(script.ToString(), logger, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AppendDeletes(StringBuilder script, IEnumerable<string> handles)
    {
        foreach (var handle in handles)
        {
            script.Append(CultureInfo.InvariantCulture, $"delete rule {Table} {Chain} handle {handle}\n");
        }
    }

    // The rules of masq_checks whose comment starts with the prefix, with their handles, read from
    // `nft -a list chain`: each rule is one line ending in `comment "…" # handle N`.
    private static async Task<List<(string Comment, string Handle)>> FindRulesAsync(string commentPrefix, ILogger logger, CancellationToken cancellationToken)
    {
        (int ExitCode, string Output, string Error) list;
        try
        {
            list = await ExternalCommand.RunAsync("nft", ["-a", "list", "chain", .. Table.Split(' '), Chain], null, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return []; // No nft on this node: no rules were made with it either.
        }

        var rules = new List<(string, string)>();
        if (list.ExitCode != 0)
        {
            return rules; // No such table or chain yet.
        }

        const string HandleMark = "\" # handle ";
        foreach (var line in list.Output.Split('\n'))
        {
            var commentStart = line.IndexOf(" comment \"", StringComparison.Ordinal);
            var handleStart = line.LastIndexOf(HandleMark, StringComparison.Ordinal);
            if (commentStart < 0 || handleStart < commentStart)
            {
                continue;
            }

            var comment = line[(commentStart + 10)..handleStart];
            if (comment.StartsWith(commentPrefix, StringComparison.Ordinal))
            {
                rules.Add((comment, line[(handleStart + HandleMark.Length)..].Trim()));
            }
        }

        return rules;
    }

    private static async Task RunAsync(string script, ILogger logger, CancellationToken cancellationToken)
    {
        var run = await ExternalCommand.RunAsync("nft", ["-f", "-"], script, logger, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new CniException($"nft failed (exit status {run.ExitCode}): {run.Error.Trim()}");
        }
    }

    private static string NetworkHash(string network) => Hash16(network);

    // The first 16 hex digits of SHA-512.
    private static string Hash16(string value) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private static string Unquoted(string value) => value.Replace("\"", "", StringComparison.Ordinal);

    private static string Truncate(string comment) => comment.Length > CommentLengthMax ? comment[..CommentLengthMax] : comment;
}
