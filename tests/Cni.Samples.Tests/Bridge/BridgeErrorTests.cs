using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// Failing ADDs, through libcni, next to the reference bridge plugin on a parallel node: the
/// same error (code and message) reaches the runtime. Unlike the reference, ours leaves no veth
/// pair and no allocation behind.
/// </summary>
public sealed partial class BridgeErrorTests
{
    private const string Ipam = "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.22.0.0/16\",\"dataDir\":\"DATADIR\"}";

    // name: (configuration keys, CNI_ARGS, a command run in the node before the ADD; CONTAINER
    // in it is the container's namespace)
    private static readonly Dictionary<string, (string Keys, string Args, string[]? Setup)> Cases = new()
    {
        ["vlan on a kernel without VLAN filtering"] = ("\"vlan\":100", "", null),
        ["vlan on an existing bridge"] = ("\"vlan\":100", "", ["ip", "link", "add", "cni0", "type", "bridge"]),
        ["vlan out of range"] = ("\"vlan\":-1", "", null),
        ["hairpin and promiscuous mode"] = ("\"hairpinMode\":true,\"promiscMode\":true", "", null),
        ["a bad MAC"] = ("\"isGateway\":true", "IgnoreUnknown=1;MAC=zz", null),
        ["unknown CNI_ARGS"] = ("\"isGateway\":true", "FOO=bar", null),
        ["cni0 is not a bridge"] = ("\"isGateway\":true", "", ["ip", "link", "add", "cni0", "type", "veth", "peer", "name", "cni0p"]),
        ["a bridge name of 16 characters"] = ("\"bridge\":\"cnit-bridge-0123\"", "", null),
        ["a container interface that exists"] = ("\"isGateway\":true", "", ["ip", "-n", "CONTAINER", "link", "add", "eth0", "type", "bridge"]),
        ["another address on the bridge"] = ("\"isGateway\":true", "", ["sh", "-c", "ip link add cni0 type bridge && ip addr add 10.22.0.1/24 dev cni0"]),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ADD_fails_as_the_reference_does_and_leaves_nothing(string name)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        var (keys, args, setup) = Cases[name];
        var json = $$"""{"cniVersion":"1.0.0","name":"cnit-net","type":"bridge",{{keys}},{{Ipam}}}""";
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var results = new List<string>();

        // Where the kernel filters VLANs a port VLAN is no error (BridgeVlanTests covers that kernel too).
        var error = !(name.StartsWith("vlan on ", StringComparison.Ordinal) && await ours.KernelFiltersVlansAsync());
        foreach (var node in (TestNode[])[reference, ours])
        {
            var container = node.AddContainer();
            if (setup is not null)
            {
                await TestNode.ExecAsync(node.Name, [.. setup.Select(a => a == "CONTAINER" ? container : a)]);
            }

            var add = await node.LibcniAsync("add", node.WriteConfig("bridge.conf", json), container, "ctr1", args: args);
            Assert.True(add.ExitCode == (error ? 1 : 0), add.Stdout + add.Stderr);
            if (!error)
            {
                continue;
            }

            results.Add(VethName().Replace(add.Stdout, "vethX"));
            if (node == ours)
            {
                Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
                Assert.Equal("", (await TestNode.ExecAsync(container, "ip", "-o", "link", "show", "type", "veth")).Trim());
                Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-net/10.", StringComparison.Ordinal));
            }
        }

        if (error)
        {
            Assert.Equal(results[0], results[1]);
        }
    }

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();
}
