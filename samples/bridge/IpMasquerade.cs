using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Cni;

namespace Bridge;

/// <summary>
/// ipMasq: traffic from a container to anywhere outside its subnet leaves the node with the
/// node's address. As the reference, with the iptables commands: one chain per container in
/// table nat, <c>CNI-</c> + 24 hex digits of SHA-512(network name + container ID), reached from
/// POSTROUTING by the container's source address, every rule commented with the name and ID.
/// </summary>
internal sealed class IpMasquerade(string network, string containerId)
{
    public string Chain { get; } = "CNI-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(network + containerId)))[..24];

    public string Comment { get; } = $"name: {GoQuote(network)} id: {GoQuote(containerId)}";

    /// <summary>Masquerades what the address (with its prefix) sends outside its own subnet.</summary>
    public async Task SetUpAsync(IPCidr address, CancellationToken cancellationToken)
    {
        var tool = Tool(address.IsIPv4);
        var multicast = address.IsIPv4 ? "224.0.0.0/4" : "ff00::/8";
        var table = await RunAsync(tool, ["-t", "nat", "-S"], cancellationToken).ConfigureAwait(false);
        if (!table.Output.Split('\n').Contains("-N " + Chain))
        {
            await RunCheckedAsync(tool, ["-t", "nat", "-N", Chain], cancellationToken).ConfigureAwait(false);
        }

        var network = $"{address.Network.BaseAddress}/{address.PrefixLength}";
        await AppendUniqueAsync(tool, Chain, ["-d", network, "-j", "ACCEPT", "-m", "comment", "--comment", Comment], cancellationToken).ConfigureAwait(false);
        await AppendUniqueAsync(tool, Chain, ["!", "-d", multicast, "-j", "MASQUERADE", "-m", "comment", "--comment", Comment], cancellationToken).ConfigureAwait(false);
        await AppendUniqueAsync(tool, "POSTROUTING", ["-s", address.Address.ToString(), "-j", Chain, "-m", "comment", "--comment", Comment], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the container's rules and chain in both families. It needs no address (the
    /// POSTROUTING rules are found by their jump to the chain), so it works after the container's
    /// namespace is gone, where the reference leaks them. Nothing to remove is no error.
    /// </summary>
    public async Task TearDownAsync(CancellationToken cancellationToken)
    {
        foreach (var tool in (string[])["iptables", "ip6tables"])
        {
            (int ExitCode, string Output, string Error) table;
            try
            {
                table = await RunAsync(tool, ["-t", "nat", "-S"], cancellationToken).ConfigureAwait(false);
            }
            catch (System.ComponentModel.Win32Exception) when (tool == "ip6tables")
            {
                continue; // No ip6tables on this node: no IPv6 rules were made either.
            }

            var lines = table.Output.Split('\n');
            if (!lines.Contains("-N " + Chain))
            {
                continue;
            }

            foreach (var source in lines.Select(SourceOfJump).OfType<string>())
            {
                await RunCheckedAsync(tool, ["-t", "nat", "-D", "POSTROUTING", "-s", source, "-j", Chain, "-m", "comment", "--comment", Comment], cancellationToken).ConfigureAwait(false);
            }

            await RunCheckedAsync(tool, ["-t", "nat", "-F", Chain], cancellationToken).ConfigureAwait(false);
            await RunCheckedAsync(tool, ["-t", "nat", "-X", Chain], cancellationToken).ConfigureAwait(false);
        }
    }

    // "-A POSTROUTING -s 10.22.0.2/32 -m comment --comment ... -j CNI-..." gives 10.22.0.2/32.
    private string? SourceOfJump(string rule)
    {
        var parts = rule.Split(' ');
        return parts.Length > 4 && parts[0] == "-A" && parts[1] == "POSTROUTING" && parts[2] == "-s" && parts[^2] == "-j" && parts[^1] == Chain
            ? parts[3]
            : null;
    }

    private static async Task AppendUniqueAsync(string tool, string chain, string[] rule, CancellationToken cancellationToken)
    {
        var check = await RunAsync(tool, ["-t", "nat", "-C", chain, .. rule], cancellationToken).ConfigureAwait(false);
        if (check.ExitCode != 0)
        {
            await RunCheckedAsync(tool, ["-t", "nat", "-A", chain, .. rule], cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Tool(bool ipv4) => ipv4 ? "iptables" : "ip6tables";

    private static async Task RunCheckedAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var run = await RunAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new CniException($"running [{tool} {string.Join(' ', arguments)}]: exit status {run.ExitCode}: {run.Error.Trim()}");
        }
    }

    // --wait: another process (kube-proxy, another plugin run) may hold the xtables lock.
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--wait");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
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
                < ' ' or '\x7f' => quoted.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
