using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// The published bridge plugin driven through the reference libcni 1.1.2, next to the reference
/// bridge plugin (/usr/lib/cni/bridge) given the same configuration on a parallel node: the same
/// results (but for random names and MACs) and the same kernel state after ADD and after DEL.
/// Both nodes are throwaway namespaces; IPAM is the reference host-local on both.
/// </summary>
public sealed class BridgeLibcniTests
{
    // Configurations run on both nodes: the usual gateway network with masquerade and spoof check; dual stack
    // with default routes, MTU, hairpin and a MAC from CNI_ARGS; plain L2 (no IPAM) with a MAC
    // from args; and a promiscuous bridge with an IPAM default route that has its own gateway.
    private static readonly Dictionary<string, (string Json, string Args)> Configs = new()
    {
        ["gateway-masq"] = ("""
            {"cniVersion":"VERSION","name":"cnit-net","type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,"macspoofchk":true,
             "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.0.0/16","gw":"10.22.0.254"}]}}
            """, ""),
        ["dual-stack"] = ("""
            {"cniVersion":"VERSION","name":"cnit-net","type":"bridge","bridge":"cnit-br","isDefaultGateway":true,"mtu":1400,"hairpinMode":true,
             "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"10.22.0.0/24"}],[{"subnet":"fd00:22::/64"}]]}}
            """, "IgnoreUnknown=1;MAC=02:00:00:00:00:01"),
        ["l2"] = ("""
            {"cniVersion":"VERSION","name":"cnit-net","type":"bridge","bridge":"cni0","args":{"cni":{"mac":"02:00:00:00:00:02"}}}
            """, ""),
        ["promisc-ipam-gateway"] = ("""
            {"cniVersion":"VERSION","name":"cnit-net","type":"bridge","bridge":"cni0","isDefaultGateway":true,"promiscMode":true,"dns":{"nameservers":["10.22.0.53"]},
             "ipam":{"type":"host-local","subnet":"10.22.0.0/16","gateway":"10.22.0.1","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0","gw":"10.22.0.254"}]}}
            """, ""),
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var version in (string[])["0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0"])
        {
            cases.Add(version, "gateway-masq");
        }

        foreach (var name in (string[])["dual-stack", "l2", "promisc-ipam-gateway"])
        {
            cases.Add("1.0.0", name);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ADD_CHECK_DEL_and_DEL_again_match_the_reference(string version, string configName)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        var (json, args) = Configs[configName];
        json = json.Replace("VERSION", version, StringComparison.Ordinal);
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var oursContainer = ours.AddContainer();
        var referenceContainer = reference.AddContainer();
        var oursConfig = ours.WriteConfig("bridge.conf", json);
        var referenceConfig = reference.WriteConfig("bridge.conf", json);

        var oursAdd = await ours.LibcniAsync("add", oursConfig, oursContainer, "ctr1", args: args);
        var referenceAdd = await reference.LibcniAsync("add", referenceConfig, referenceContainer, "ctr1", args: args);
        Assert.True(oursAdd.ExitCode == 0, oursAdd.Stdout + oursAdd.Stderr);
        Assert.True(referenceAdd.ExitCode == 0, referenceAdd.Stdout + referenceAdd.Stderr);
        Assert.Equal(LibcniResults.Normalize(referenceAdd.Stdout, referenceContainer), LibcniResults.Normalize(oursAdd.Stdout, oursContainer));
        if (version is not "0.2.0")
        {
            // 0.2.0 results have no interfaces.
            await LibcniResults.AssertMatchesLinks(ours, oursContainer, oursAdd.Stdout, 3);
        }

        Assert.Equal(await reference.NodeStateAsync(), await ours.NodeStateAsync());
        Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
        Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());
        var (nodeState, containerState) = (await ours.NodeStateAsync(), await TestNode.ContainerStateAsync(oursContainer));
        TestNode.AssertCompared(nodeState, "links", "bridge ports", "forwarding", "accept_ra", "nat");
        TestNode.AssertCompared(containerState, "links", "sysctls");
        if (configName != "l2")
        {
            TestNode.AssertCompared(nodeState, "addresses", "routes");
            TestNode.AssertCompared(containerState, "addresses", "routes");
            LibcniResults.AssertAddressesCompared(oursAdd.Stdout, containerState);
        }

        if (version is "0.4.0" or "1.0.0")
        {
            // The same answer, success or not (the reference's CHECK of an L2 network always fails).
            var oursCheck = await ours.LibcniAsync("check", oursConfig, oursContainer, "ctr1", args: args);
            var referenceCheck = await reference.LibcniAsync("check", referenceConfig, referenceContainer, "ctr1", args: args);
            Assert.Equal((referenceCheck.ExitCode, referenceCheck.Stdout), (oursCheck.ExitCode, oursCheck.Stdout));
        }

        foreach (var attempt in (string[])["DEL", "DEL again"])
        {
            var oursDel = await ours.LibcniAsync("del", oursConfig, oursContainer, "ctr1", args: args);
            var referenceDel = await reference.LibcniAsync("del", referenceConfig, referenceContainer, "ctr1", args: args);
            Assert.True(oursDel.ExitCode == 0, attempt + ": " + oursDel.Stdout + oursDel.Stderr);
            Assert.True(referenceDel.ExitCode == 0, attempt + ": " + referenceDel.Stdout + referenceDel.Stderr);
            Assert.Equal(await reference.NodeStateAsync(), await ours.NodeStateAsync());
            Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
            Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());
        }
    }
}
