using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge.StockKernel;

/// <summary>
/// The bridge plugin's VLAN keys through the reference libcni on Debian's stock kernel (the VM lane:
/// this machine's kernel has no bridge VLAN filtering). <c>vlan</c> and the VLAN gateway are compared
/// with the reference bridge (1.1.1 has both) on a parallel node: results, node state with the
/// bridge's VLAN table, container state, after ADD and after DEL. <c>vlanTrunk</c> and
/// <c>preserveDefaultVlan</c>, which the installed reference ignores (they came in 1.3), are checked
/// against the VLAN table they mean.
/// </summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public sealed class BridgeVlanLibcniTests
{
    private static readonly Dictionary<string, string> Configs = new()
    {
        ["vlan"] = """
            {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0","vlan":100,
             "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR"}}
            """,
        ["vlan-gateway"] = """
            {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0","vlan":100,"isGateway":true,"ipMasq":true,
             "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR"}}
            """,
        ["vlan-l2"] = """
            {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0","vlan":42}
            """,
    };

    [Theory]
    [InlineData("vlan")]
    [InlineData("vlan-gateway")]
    [InlineData("vlan-l2")]
    public async Task ADD_and_DEL_with_a_vlan_match_the_reference_in_results_and_kernel_state(string configName)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var oursContainer = ours.AddContainer();
        var referenceContainer = reference.AddContainer();
        var oursConfig = ours.WriteConfig("bridge.conf", Configs[configName]);
        var referenceConfig = reference.WriteConfig("bridge.conf", Configs[configName]);

        var oursAdd = await ours.LibcniAsync("add", oursConfig, oursContainer, "ctr1");
        var referenceAdd = await reference.LibcniAsync("add", referenceConfig, referenceContainer, "ctr1");
        Assert.True(oursAdd.ExitCode == 0, oursAdd.Stdout + oursAdd.Stderr);
        Assert.True(referenceAdd.ExitCode == 0, referenceAdd.Stdout + referenceAdd.Stderr);
        Assert.Equal(LibcniResults.Normalize(referenceAdd.Stdout, referenceContainer), LibcniResults.Normalize(oursAdd.Stdout, oursContainer));

        var oursState = await VlanStateAsync(ours);
        Assert.Equal(await VlanStateAsync(reference), oursState);
        TestNode.AssertCompared(oursState, "links", "bridge ports", "bridge vlans");
        Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
        Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());

        // The port is in the VLAN as pvid and untagged; the default VLAN stays (the reference 1.1.1 keeps it).
        var vlan = configName == "vlan-l2" ? 42 : 100;
        var port = HostPort(oursAdd.Stdout);
        Assert.Equal([$"1 Egress Untagged", $"{vlan} PVID Egress Untagged"], await PortVlansAsync(ours, port));
        if (configName == "vlan-gateway")
        {
            // The gateway's own port is in the VLAN the same way.
            var ports = await TestNode.ExecAsync(ours.Name, "ip", "-o", "link", "show", "master", "cni0");
            var gatewayPort = Assert.Single(System.Text.RegularExpressions.Regex.Matches(ports, "veth[0-9a-f]{8}").Select(m => m.Value).Distinct(), p => p != port);
            Assert.Equal([$"1 Egress Untagged", $"{vlan} PVID Egress Untagged"], await PortVlansAsync(ours, gatewayPort));

            // The gateway answers in the VLAN: the container reaches it.
            var result = JsonDocument.Parse(oursAdd.Stdout).RootElement;
            var gateway = result.GetProperty("ips")[0].GetProperty("gateway").GetString()!;
            await TestNode.ExecAsync(oursContainer, "ping", "-c", "1", "-W", "5", gateway);
            await TestNode.ExecAsync(referenceContainer, "ping", "-c", "1", "-W", "5", gateway);
        }

        var oursDel = await ours.LibcniAsync("del", oursConfig, oursContainer, "ctr1");
        var referenceDel = await reference.LibcniAsync("del", referenceConfig, referenceContainer, "ctr1");
        Assert.True(oursDel.ExitCode == 0, oursDel.Stdout + oursDel.Stderr);
        Assert.True(referenceDel.ExitCode == 0, referenceDel.Stdout + referenceDel.Stderr);
        Assert.Equal(await VlanStateAsync(reference), await VlanStateAsync(ours));
        Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
        Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());
    }

    [Theory]
    [InlineData("\"vlanTrunk\":[{\"id\":300},{\"minID\":200,\"maxID\":201},{\"id\":200}]", new[] { "1 PVID Egress Untagged", "200", "201", "300" })]
    [InlineData("\"vlanTrunk\":[{\"id\":300}],\"preserveDefaultVlan\":false", new[] { "300" })]
    [InlineData("\"vlan\":100,\"preserveDefaultVlan\":false", new[] { "100 PVID Egress Untagged" })]
    [InlineData("\"vlanTrunk\":[]", new[] { "1 PVID Egress Untagged" })]
    public async Task A_trunk_and_preserveDefaultVlan_give_the_port_the_vlans_they_mean_and_DEL_removes_the_port(string keys, string[] expected)
    {
        _ = LibcniDriver.Path;
        using var node = TestNode.Ours();
        var container = node.AddContainer();
        var config = node.WriteConfig("bridge.conf", $$$"""
            {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0",{{{keys}}},
             "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR"}}
            """);

        var result = await node.AddAsync(config, container, "ctr1");

        Assert.Equal(1, (await Iproute2LinkAsync(node, "cni0")).GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());
        var port = HostPort(result);
        Assert.Equal(expected, await PortVlansAsync(node, port));

        await node.DelAsync(config, container, "ctr1");
        Assert.DoesNotContain(port, await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
    }

    /// <summary>The node's state as <see cref="TestNode.NodeStateAsync"/> has it, and the bridge's VLAN table.</summary>
    private static async Task<string> VlanStateAsync(TestNode node)
    {
        var vlans = await TestNode.ExecAsync(node.Name, "bridge", "vlan", "show");
        // Port names are random (vethXXXXXXXX) on both nodes; the table's rows keep their order.
        return await node.NodeStateAsync() + "\n## bridge vlans\n" + System.Text.RegularExpressions.Regex.Replace(vlans, "veth[0-9a-f]{8}", "vethX");
    }

    /// <summary>The container's port on the bridge: the result's interface named veth... (a VLAN gateway's port is not in the result).</summary>
    private static string HostPort(string result)
    {
        using var json = JsonDocument.Parse(result);
        return Assert.Single(json.RootElement.GetProperty("interfaces").EnumerateArray().Select(i => i.GetProperty("name").GetString()!), n => n.StartsWith("veth", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PortVlansAsync(TestNode node, string port)
    {
        using var json = JsonDocument.Parse(await TestNode.ExecAsync(node.Name, "bridge", "-j", "vlan", "show", "dev", port));
        var vlans = new List<string>();
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            foreach (var vlan in entry.GetProperty("vlans").EnumerateArray())
            {
                var first = vlan.GetProperty("vlan").GetInt32();
                var last = vlan.TryGetProperty("vlanEnd", out var end) ? end.GetInt32() : first;
                var flags = vlan.TryGetProperty("flags", out var f) ? " " + string.Join(' ', f.EnumerateArray().Select(x => x.GetString())) : "";
                for (var id = first; id <= last; id++)
                {
                    vlans.Add(id + flags);
                }
            }
        }

        return vlans;
    }

    private static async Task<JsonElement> Iproute2LinkAsync(TestNode node, string name)
    {
        using var json = JsonDocument.Parse(await TestNode.ExecAsync(node.Name, "ip", "-d", "-j", "link", "show", "dev", name));
        return json.RootElement[0].Clone();
    }
}
