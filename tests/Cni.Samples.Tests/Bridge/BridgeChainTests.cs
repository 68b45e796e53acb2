using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// The bridge first in a chain with the reference meta plugins tuning, portmap and bandwidth
/// (/usr/lib/cni), through libcni, as a runtime runs a typical conflist: they find what they need
/// in our result (the host veth, the container's interface and addresses), CHECK passes, and DEL
/// removes what each made. Run for ours and for the reference bridge alike. portmap 1.1.1's CHECK
/// always fails (it looks for its IPv4 rules in the IPv6 table), so CHECK is also run on the same
/// list without portmap: libcni checks each plugin against the cached result of the ADD.
/// </summary>
public sealed partial class BridgeChainTests
{
    private const string Conflist = """
        {"cniVersion":"1.0.0","name":"cnit-chain","plugins":[
          {"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"10.22.0.0/16"}],[{"subnet":"fd00:22::/64"}]],"dataDir":"DATADIR"}},
          {"type":"tuning","sysctl":{"net.core.somaxconn":"512"}},
          {"type":"portmap","capabilities":{"portMappings":true},"snat":true},
          {"type":"bandwidth","capabilities":{"bandwidth":true}}]}
        """;

    private const string Capabilities = """
        {"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}],
         "bandwidth":{"ingressRate":8000000,"ingressBurst":100000,"egressRate":8000000,"egressBurst":100000}}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ADD_CHECK_DEL_with_tuning_portmap_and_bandwidth_and_DEL_leaves_nothing(bool ours)
    {
        foreach (var plugin in (string[])["tuning", "portmap", "bandwidth"])
        {
            Requires.Executable("/usr/lib/cni/" + plugin);
        }

        using var node = ours ? TestNode.Ours() : TestNode.Reference();
        var config = node.WriteConfig("chain.conflist", Conflist);
        var container = node.AddContainer();

        var add = await node.LibcniAsync("add", config, container, "ctr1", capabilities: Capabilities);

        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        var veth = VethName().Match(add.Stdout).Value;
        Assert.Equal("512", (await TestNode.ExecAsync(container, "sysctl", "-n", "net.core.somaxconn")).Trim());
        var nat = await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat");
        Assert.Contains("CNI-HOSTPORT-DNAT", nat, StringComparison.Ordinal);
        Assert.Matches(@"--dport 8080 .*-j DNAT --to-destination 10\.22\.0\.2:80", nat);
        Assert.Matches(@"--dport 8080 .*-j DNAT --to-destination \[fd00:22::2\]:80", await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat"));
        Assert.Contains("tbf", await TestNode.ExecAsync(node.Name, "tc", "qdisc", "show", "dev", veth), StringComparison.Ordinal);
        Assert.Contains("ifb", await TestNode.ExecAsync(node.Name, "ip", "-o", "-d", "link", "show"), StringComparison.Ordinal);

        // libcni stops at the first plugin whose CHECK fails: bridge and tuning passed.
        var check = await node.LibcniAsync("check", config, container, "ctr1", capabilities: Capabilities);
        Assert.True(check.ExitCode == 1, check.Stdout + check.Stderr);
        Assert.Contains("could not check ipv6 dnat: rule [[-p tcp --dport 8080 -s 10.22.0.2/16", check.Stdout, StringComparison.Ordinal);
        var withoutPortmap = node.WriteConfig("check.conflist", Conflist.Replace(
            """{"type":"portmap","capabilities":{"portMappings":true},"snat":true},""", "", StringComparison.Ordinal));
        check = await node.LibcniAsync("check", withoutPortmap, container, "ctr1", capabilities: Capabilities);
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);

        var del = await node.LibcniAsync("del", config, container, "ctr1", capabilities: Capabilities);
        Assert.True(del.ExitCode == 0, del.Stdout + del.Stderr);
        nat = await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat");
        Assert.DoesNotContain("8080", nat, StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-DN-", nat, StringComparison.Ordinal);
        Assert.DoesNotContain("10.22.0.2", nat, StringComparison.Ordinal);
        Assert.DoesNotContain("8080", await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat"), StringComparison.Ordinal);
        var links = await TestNode.ExecAsync(node.Name, "ip", "-o", "-d", "link", "show");
        Assert.DoesNotContain("veth", links, StringComparison.Ordinal);
        Assert.DoesNotContain("ifb", links, StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-chain/10.", StringComparison.Ordinal) || f.StartsWith("cnit-chain/fd00", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();
}
