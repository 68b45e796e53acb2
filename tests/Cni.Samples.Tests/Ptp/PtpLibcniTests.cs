using Cni.Samples.Tests.Bridge;

namespace Cni.Samples.Tests.Ptp;

/// <summary>
/// The published ptp plugin driven through the reference libcni 1.1.2, next to the reference ptp
/// plugin (/usr/lib/cni/ptp) given the same configuration on a parallel node: the same results
/// (but for random names and MACs) and the same kernel state (addresses, routes in both
/// namespaces, forwarding, NAT rules) after ADD, CHECK, DEL and DEL again. IPAM is host-local on
/// both: in-process in ours, the reference binary in the reference's, with the same files on disk.
/// </summary>
public sealed class PtpLibcniTests
{
    // IPv4 with masquerade, MTU and a default route without gateway; dual stack with DNS from the
    // configuration; an IPAM plugin other than host-local (static, executed from CNI_PATH).
    private static readonly Dictionary<string, string> Configs = new()
    {
        ["masq-mtu"] = """
            {"cniVersion":"VERSION","name":"cnit-ptp","type":"ptp","ipMasq":true,"mtu":1400,
             "ipam":{"type":"host-local","subnet":"10.33.0.0/24","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.0.0/16","gw":"10.33.0.254"}]}}
            """,
        ["dual-stack"] = """
            {"cniVersion":"VERSION","name":"cnit-ptp","type":"ptp","ipMasq":true,"dns":{"nameservers":["10.33.0.53"],"search":["example.org"]},
             "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"10.33.0.0/24"}],[{"subnet":"fd00:33::/64"}]],"routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}}
            """,
        ["static-ipam"] = """
            {"cniVersion":"VERSION","name":"cnit-ptp","type":"ptp","ipMasq":true,
             "ipam":{"type":"static","addresses":[{"address":"10.44.0.5/24","gateway":"10.44.0.1"}],"routes":[{"dst":"0.0.0.0/0"}]}}
            """,
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var version in (string[])["0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0"])
        {
            cases.Add(version, "masq-mtu");
        }

        cases.Add("1.0.0", "dual-stack");
        cases.Add("1.0.0", "static-ipam");
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ADD_CHECK_DEL_and_DEL_again_match_the_reference(string version, string configName)
    {
        var json = Configs[configName].Replace("VERSION", version, StringComparison.Ordinal);
        using var ours = PtpPlugin.Node();
        using var reference = PtpPlugin.ReferenceNode();
        var oursContainer = ours.AddContainer();
        var referenceContainer = reference.AddContainer();
        var oursConfig = ours.WriteConfig("ptp.conf", json);
        var referenceConfig = reference.WriteConfig("ptp.conf", json);

        var addsDone = await Task.WhenAll(
            ours.LibcniAsync("add", oursConfig, oursContainer, "ctr1"),
            reference.LibcniAsync("add", referenceConfig, referenceContainer, "ctr1"));
        var (oursAdd, referenceAdd) = (addsDone[0], addsDone[1]);
        Assert.True(oursAdd.ExitCode == 0, oursAdd.Stdout + oursAdd.Stderr);
        Assert.True(referenceAdd.ExitCode == 0, referenceAdd.Stdout + referenceAdd.Stderr);
        Assert.Equal(LibcniResults.Normalize(referenceAdd.Stdout, referenceContainer), LibcniResults.Normalize(oursAdd.Stdout, oursContainer));
        if (version is not "0.2.0")
        {
            await LibcniResults.AssertMatchesLinks(ours, oursContainer, oursAdd.Stdout, 2);
        }

        await AssertSameStateAsync(ours, oursContainer, reference, referenceContainer);
        var containerState = await TestNode.ContainerStateAsync(oursContainer);
        TestNode.AssertCompared(await NodeStateAsync(ours), "links", "addresses", "routes", "forwarding", "nat");
        TestNode.AssertCompared(containerState, "links", "addresses", "routes", "sysctls");
        LibcniResults.AssertAddressesCompared(oursAdd.Stdout, containerState);

        if (version is "0.4.0" or "1.0.0")
        {
            var oursCheck = await ours.LibcniAsync("check", oursConfig, oursContainer, "ctr1");
            var referenceCheck = await reference.LibcniAsync("check", referenceConfig, referenceContainer, "ctr1");
            Assert.True(oursCheck.ExitCode == 0, oursCheck.Stdout + oursCheck.Stderr);
            Assert.Equal((referenceCheck.ExitCode, referenceCheck.Stdout), (oursCheck.ExitCode, oursCheck.Stdout));
        }

        foreach (var attempt in (string[])["DEL", "DEL again"])
        {
            var oursDel = await ours.LibcniAsync("del", oursConfig, oursContainer, "ctr1");
            var referenceDel = await reference.LibcniAsync("del", referenceConfig, referenceContainer, "ctr1");
            Assert.True(oursDel.ExitCode == 0, attempt + ": " + oursDel.Stdout + oursDel.Stderr);
            Assert.True(referenceDel.ExitCode == 0, attempt + ": " + referenceDel.Stdout + referenceDel.Stderr);
            await AssertSameStateAsync(ours, oursContainer, reference, referenceContainer);
        }
    }

    private static async Task AssertSameStateAsync(TestNode ours, string oursContainer, TestNode reference, string referenceContainer)
    {
        Assert.Equal(await NodeStateAsync(reference), await NodeStateAsync(ours));
        Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
        Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());
    }

    // The bridge tests' node state plus the IPv6 NAT rules. Duplicate address detection on the
    // host veth's IPv6 gateway runs on its own clock, so "tentative" is left out.
    private static async Task<string> NodeStateAsync(TestNode node)
        => string.Join('\n',
            (await node.NodeStateAsync()).Replace(" tentative", "", StringComparison.Ordinal),
            "## nat6",
            string.Join('\n', (await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat")).Split('\n').Where(l => !l.StartsWith('#'))));
}
