using Cni.Samples.Tests.Bridge;
using Cni.Testing;

namespace Cni.Samples.Tests.MultiNetwork;

/// <summary>
/// One container in two networks, as runtimes make it (podman's several networks, a network
/// connected to a running container): through the reference libcni 1.1.2, ours on one node and the
/// reference plugins on a parallel one, ADD the first network (eth0), ADD the second (eth1), CHECK
/// both, then DEL them in either order. Every network has a default route, as a runtime's do: the
/// second network's must go next to the first's. After each step the results, the node and the
/// container state and the allocations are the reference's.
/// </summary>
public sealed class MultiNetworkLibcniTests
{
    private static readonly Dictionary<string, string> Networks = new()
    {
        ["bridge-a"] = """
            {"cniVersion":"1.0.0","name":"cnit-neta","type":"bridge","bridge":"cnit-bra","isGateway":true,"ipMasq":true,
             "ipam":{"type":"host-local","subnet":"10.61.0.0/24","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"}]}}
            """,
        ["bridge-b"] = """
            {"cniVersion":"1.0.0","name":"cnit-netb","type":"bridge","bridge":"cnit-brb","isGateway":true,"ipMasq":true,
             "ipam":{"type":"host-local","subnet":"10.62.0.0/24","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"}]}}
            """,
        ["ptp-b"] = """
            {"cniVersion":"1.0.0","name":"cnit-netp","type":"ptp","ipMasq":true,
             "ipam":{"type":"host-local","subnet":"10.63.0.0/24","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"}]}}
            """,
        ["dual-a"] = """
            {"cniVersion":"1.0.0","name":"cnit-duala","type":"bridge","bridge":"cnit-bra","isDefaultGateway":true,
             "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"10.64.0.0/24"}],[{"subnet":"fd00:64::/64"}]]}}
            """,
        ["dual-b"] = """
            {"cniVersion":"1.0.0","name":"cnit-dualb","type":"bridge","bridge":"cnit-brb","isDefaultGateway":true,
             "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"10.65.0.0/24"}],[{"subnet":"fd00:65::/64"}]]}}
            """,
    };

    public static TheoryData<string, string, bool> Cases()
    {
        var cases = new TheoryData<string, string, bool>();
        foreach (var (first, second) in (ReadOnlySpan<(string, string)>)[("bridge-a", "ptp-b"), ("bridge-a", "bridge-b"), ("dual-a", "dual-b")])
        {
            cases.Add(first, second, true);
            cases.Add(first, second, false);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Two_networks_in_one_container_match_the_reference_through_ADD_CHECK_and_DEL_in_either_order(string first, string second, bool firstDeletedFirst)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var sides = new[] { new Side(ours, ours.AddContainer()), new Side(reference, reference.AddContainer()) };
        var attachments = new[] { (Config: first, IfName: "eth0"), (Config: second, IfName: "eth1") };

        foreach (var (config, ifName) in attachments)
        {
            var results = new List<string>();
            foreach (var side in sides)
            {
                var add = await side.Node.LibcniAsync("add", side.Node.WriteConfig(config + ".conf", Networks[config]), side.Container, "ctr1", ifName);
                Assert.True(add.ExitCode == 0, $"ADD {config} on {side}: {add.Stdout}{add.Stderr}");
                results.Add(LibcniResults.Normalize(add.Stdout, side.Container));
            }

            Assert.Equal(results[1], results[0]);
            await AssertSameStateAsync(sides, $"after ADD {config}");
            var containerState = await TestNode.ContainerStateAsync(sides[0].Container);
            TestNode.AssertCompared(containerState, "links", "addresses", "routes");
            TestNode.AssertCompared(await sides[0].Node.NodeStateAsync(), "links", "addresses", "routes", "forwarding");
            LibcniResults.AssertAddressesCompared(results[0], containerState);
        }

        foreach (var (config, ifName) in attachments)
        {
            var checks = new List<string>();
            foreach (var side in sides)
            {
                var check = await side.Node.LibcniAsync("check", Path.Combine(side.Node.Directory, config + ".conf"), side.Container, "ctr1", ifName);
                checks.Add($"CHECK {config} on {side}: exit {check.ExitCode} {check.Stdout}{check.Stderr}");
            }

            Assert.All(checks, c => Assert.Contains(": exit 0 ", c, StringComparison.Ordinal));
        }

        foreach (var (config, ifName) in firstDeletedFirst ? attachments : attachments.Reverse())
        {
            foreach (var side in sides)
            {
                var del = await side.Node.LibcniAsync("del", Path.Combine(side.Node.Directory, config + ".conf"), side.Container, "ctr1", ifName);
                Assert.True(del.ExitCode == 0, $"DEL {config} on {side}: {del.Stdout}{del.Stderr}");
            }

            await AssertSameStateAsync(sides, $"after DEL {config}");
        }
    }

    private static async Task AssertSameStateAsync(Side[] sides, string when)
    {
        var (ours, reference) = (sides[0], sides[1]);
        AssertSameLines($"node state {when}", await reference.Node.NodeStateAsync(), await ours.Node.NodeStateAsync());
        AssertSameLines($"container state {when}", await TestNode.ContainerStateAsync(reference.Container), await TestNode.ContainerStateAsync(ours.Container));
        Assert.Equal(reference.Node.AllocationFiles(), ours.Node.AllocationFiles());
    }

    // The lines that differ, so a failure says what differs rather than where two long texts part.
    private static void AssertSameLines(string what, string reference, string ours)
    {
        var referenceLines = reference.Split('\n');
        var ourLines = ours.Split('\n');
        Assert.True(
            referenceLines.SequenceEqual(ourLines),
            $"{what}:\nonly the reference's:\n  {string.Join("\n  ", referenceLines.Except(ourLines))}\nonly ours:\n  {string.Join("\n  ", ourLines.Except(referenceLines))}\nin full (ours):\n{ours}");
    }

    private sealed record Side(TestNode Node, string Container)
    {
        public override string ToString() => Node.CniPath.StartsWith("/usr/lib/cni", StringComparison.Ordinal) ? "the reference" : "ours";
    }
}
