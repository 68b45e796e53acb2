using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// <c>vlanTrunk</c> and <c>preserveDefaultVlan</c>, with the meaning they have in the reference
/// 1.3 to 1.7 (1.1.1, installed here, ignores both keys): the configuration checks and their
/// messages, for every verb; and what ADD asks the kernel, read from the netlink messages the
/// binary sends (decoded by strace). The test machines' kernel has no bridge VLAN filtering, so it
/// refuses the first VLAN request: the ADD must fail with that error and leave nothing behind.
/// </summary>
public sealed partial class BridgeVlanTests
{
    private const string L2 = """{"cniVersion":"1.0.0","name":"cnit-vlan","type":"bridge",KEYS}""";

    public static TheoryData<string, string> InvalidConfigurations() => new()
    {
        { "\"vlanTrunk\":[{\"minID\":0,\"maxID\":10}]", "incorrect trunk minID parameter" },
        { "\"vlanTrunk\":[{\"minID\":10,\"maxID\":4095}]", "incorrect trunk maxID parameter" },
        { "\"vlanTrunk\":[{\"minID\":20,\"maxID\":10}]", "minID is greater than maxID in trunk parameter" },
        { "\"vlanTrunk\":[{\"maxID\":10}]", "minID and maxID should be configured simultaneously, minID is missing" },
        { "\"vlanTrunk\":[{\"minID\":10}]", "minID and maxID should be configured simultaneously, maxID is missing" },
        { "\"vlanTrunk\":[{\"id\":5},{\"id\":0}]", "incorrect trunk id parameter" },
        { "\"vlanTrunk\":[{\"id\":4095}]", "incorrect trunk id parameter" },
        { "\"vlan\":10,\"vlanTrunk\":[{\"id\":20}]", "cannot set vlan and vlanTrunk at the same time" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public async Task A_bad_trunk_fails_every_verb_with_the_reference_message_before_anything_is_made(string keys, string message)
    {
        using var node = TestNode.Ours();
        var config = node.WriteConfig("vlan.conf", L2.Replace("KEYS", keys, StringComparison.Ordinal));
        var container = node.AddContainer();

        foreach (var verb in (string[])["ADD", "DEL"])
        {
            var run = await node.PluginAsync(verb, config, container, "ctr1");

            Assert.True(run.ExitCode == 1, verb + ": " + run.Stdout + run.Stderr);
            Assert.Contains("\"code\": 999", run.Stdout, StringComparison.Ordinal);
            Assert.Contains($"\"msg\": \"{message}\"", run.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("cni0", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_trunk_or_one_entry_twice_is_accepted_by_the_checks()
    {
        using var node = TestNode.Ours();
        var config = node.WriteConfig("vlan.conf", L2.Replace("KEYS", "\"vlanTrunk\":[{\"id\":7},{\"minID\":7,\"maxID\":7},{}]", StringComparison.Ordinal));

        // DEL runs the same checks and, with nothing made, has nothing to do.
        var del = await node.PluginAsync("DEL", config, node.AddContainer(), "ctr1");

        Assert.True(del.ExitCode == 0, del.Stdout + del.Stderr);
    }

    [Fact]
    public async Task A_trunk_asks_for_a_VLAN_filtering_bridge_which_this_kernel_refuses()
    {
        using var node = TestNode.Ours();
        var trace = Path.Combine(node.Directory, "strace.txt");
        var config = node.WriteConfig("vlan.conf", L2.Replace("KEYS", "\"vlanTrunk\":[]", StringComparison.Ordinal));
        var container = node.AddContainer();

        var add = await node.PluginAsync("ADD", config, container, "ctr1", wrapper: Strace(trace));
        var messages = await File.ReadAllTextAsync(trace, TestContext.Current.CancellationToken);

        // Even an empty trunk turns VLAN filtering on, as in the reference.
        Assert.Matches(@"RTM_NEWLINK.*IFLA_IFNAME\}, ""cni0"".*IFLA_BR_VLAN_FILTERING\}, 1", messages);
        if (await node.KernelFiltersVlansAsync())
        {
            Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
            return;
        }

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("\"msg\": \"failed to create bridge \\\"cni0\\\": could not add \\\"cni0\\\": operation not supported\"", add.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cni0", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"vlan\":100", true, "{flags=BRIDGE_VLAN_INFO_PVID|BRIDGE_VLAN_INFO_UNTAGGED, vid=100}")]
    [InlineData("\"vlan\":100,\"preserveDefaultVlan\":false", false, "{flags=BRIDGE_VLAN_INFO_PVID|BRIDGE_VLAN_INFO_UNTAGGED, vid=100}")]
    [InlineData("\"vlanTrunk\":[{\"id\":300},{\"minID\":200,\"maxID\":201},{\"id\":200}]", true, "{flags=0, vid=200}")]
    [InlineData("\"vlanTrunk\":[{\"id\":300}],\"preserveDefaultVlan\":false", false, "{flags=0, vid=300}")]
    public async Task The_port_VLANs_are_asked_for_as_the_reference_asks_and_a_refusal_leaves_nothing(string keys, bool preserveDefaultVlan, string firstVlan)
    {
        using var node = TestNode.Ours();
        await TestNode.ExecAsync(node.Name, "ip", "link", "add", "cni0", "type", "bridge");
        var trace = Path.Combine(node.Directory, "strace.txt");
        var config = node.WriteConfig("vlan.conf", $$$"""
            {"cniVersion":"1.0.0","name":"cnit-vlan","type":"bridge",{{{keys}}},"ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR"}}
            """);
        var container = node.AddContainer();

        var add = await node.PluginAsync("ADD", config, container, "ctr1", wrapper: Strace(trace));
        var messages = (await File.ReadAllLinesAsync(trace, TestContext.Current.CancellationToken)).Where(l => l.Contains("sendto(", StringComparison.Ordinal)).ToArray();

        // The VLAN requests go to the container's port (the host veth), flagged for the bridge
        // (no BRIDGE_FLAGS_SELF); without preserveDefaultVlan the port's VLANs are read first to
        // remove them.
        var veth = VethName().Match(add.Stdout + string.Join('\n', messages)).Value;
        var vlanRequests = messages.Where(l => l.Contains("IFLA_BRIDGE_VLAN_INFO", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(vlanRequests);
        Assert.All(vlanRequests, l => Assert.Contains("RTM_SETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK", l, StringComparison.Ordinal));
        Assert.All(vlanRequests, l => Assert.Contains("ifi_family=AF_BRIDGE,", l, StringComparison.Ordinal));
        Assert.All(vlanRequests, l => Assert.Contains($"ifi_index=if_nametoindex(\"{veth}\")", l, StringComparison.Ordinal));
        Assert.DoesNotContain(vlanRequests, l => l.Contains("BRIDGE_FLAGS_SELF", StringComparison.Ordinal));
        Assert.Contains(firstVlan, vlanRequests[0], StringComparison.Ordinal);
        var vlanDump = Array.FindIndex(messages, l => l.Contains("NLM_F_DUMP", StringComparison.Ordinal) && l.Contains("RTEXT_FILTER_BRVLAN", StringComparison.Ordinal));
        Assert.Equal(preserveDefaultVlan, vlanDump < 0);
        Assert.True(vlanDump < Array.IndexOf(messages, vlanRequests[0]));

        if (await node.KernelFiltersVlansAsync())
        {
            Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
            return;
        }

        Assert.Equal(1, add.ExitCode);
        Assert.Contains($"\"msg\": \"failed to setup vlan tag on interface \\\"{veth}\\\": operation not supported\"", add.Stdout, StringComparison.Ordinal);
        Assert.Single(vlanRequests);
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", await TestNode.ExecAsync(container, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-vlan/10.", StringComparison.Ordinal));
    }

    private static string[] Strace(string output)
        => [Requires.Command("strace"), "-f", "-yy", "-s", "256", "-e", "trace=sendto,sendmsg", "-o", output];

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();
}
