using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// A plugin killed (SIGKILL) in the middle of ADD cannot undo anything; the runtime's DEL that
/// follows must then remove all of it. strace kills the plugin at a chosen step, so the test
/// knows what exists at that moment.
/// </summary>
public sealed class BridgeCrashTests
{
    private const string Config = """
        {"cniVersion":"1.0.0","name":"cnit-crash","type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,"macspoofchk":true,
         "ipam":{"type":"host-local","ranges":[[{"subnet":"10.22.0.0/16"}],[{"subnet":"fd00:22::/64"}]],"dataDir":"DATADIR"}}
        """;

    // When the plugin is killed: at its first touch of the path (strace -P), i.e. before the
    // container interface's sysctls (veth pair, spoof-check rules and allocation made), or before
    // the IPv6 masquerade rules (everything else made, the IPv4 rules included).
    [Theory]
    [InlineData("/proc/sys/net/ipv6/conf/eth0/accept_dad", false)]
    [InlineData("/usr/sbin/ip6tables-restore", true)]
    public async Task A_plugin_killed_during_ADD_then_DEL_leaves_nothing(string killAt, bool masqueradeMade)
    {
        using var node = TestNode.Ours();
        var config = node.WriteConfig("crash.conf", Config);
        var container = node.AddContainer();

        var add = await node.PluginAsync("ADD", config, container, "ctr1",
            wrapper: [Requires.Command("strace"), "-f", "-qq", "-o", "/dev/null", "-P", killAt, "-e", "inject=all:signal=SIGKILL:when=1"]);

        Assert.True(add.ExitCode != 0 && add.Stdout.Length == 0, $"exit {add.ExitCode}: {add.Stdout}{add.Stderr}");
        Assert.Contains("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.Contains(node.AllocationFiles(), f => f.StartsWith("cnit-crash/10.", StringComparison.Ordinal));
        Assert.Contains("macspoofchk", await TestNode.ExecAsync(node.Name, "nft", "list", "ruleset"), StringComparison.Ordinal);
        Assert.Equal(masqueradeMade, (await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat")).Contains("CNI-", StringComparison.Ordinal));

        var del = await node.LibcniAsync("del", config, container, "ctr1");

        Assert.True(del.ExitCode == 0, del.Stdout + del.Stderr);
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", await TestNode.ExecAsync(container, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-crash/10.", StringComparison.Ordinal) || f.StartsWith("cnit-crash/fd00", StringComparison.Ordinal));
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("macspoofchk", await TestNode.ExecAsync(node.Name, "nft", "list", "ruleset"), StringComparison.Ordinal);
    }
}
