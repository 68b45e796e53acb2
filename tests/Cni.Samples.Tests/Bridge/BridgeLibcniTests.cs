using System.Text.Json;
using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// The published bridge plugin driven through the reference libcni 1.1.2, next to the reference
/// bridge plugin (/usr/lib/cni/bridge) given the same configuration on a parallel node: the same
/// results (but for random names and MACs) and the same kernel state after ADD and after DEL.
/// Both nodes are throwaway namespaces; IPAM is the reference host-local on both.
/// </summary>
public sealed partial class BridgeLibcniTests
{
    private const string Config = """
        {"cniVersion":"VERSION","name":"cnit-net","type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,
         "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.0.0/16","gw":"10.22.0.254"}]}}
        """;

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public async Task ADD_CHECK_DEL_and_DEL_again_match_the_reference(string version)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var oursContainer = ours.AddContainer();
        var referenceContainer = reference.AddContainer();
        var oursConfig = ours.WriteConfig("bridge.conf", Config.Replace("VERSION", version, StringComparison.Ordinal));
        var referenceConfig = reference.WriteConfig("bridge.conf", Config.Replace("VERSION", version, StringComparison.Ordinal));

        var oursAdd = await ours.LibcniAsync("add", oursConfig, oursContainer, "ctr1");
        var referenceAdd = await reference.LibcniAsync("add", referenceConfig, referenceContainer, "ctr1");
        Assert.True(oursAdd.ExitCode == 0, oursAdd.Stdout + oursAdd.Stderr);
        Assert.True(referenceAdd.ExitCode == 0, referenceAdd.Stdout + referenceAdd.Stderr);
        Assert.Equal(NormalizeResult(referenceAdd.Stdout, referenceContainer), NormalizeResult(oursAdd.Stdout, oursContainer));
        await AssertResultMatchesLinks(ours, oursContainer, oursAdd.Stdout);
        Assert.Equal(await reference.NodeStateAsync(), await ours.NodeStateAsync());
        Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
        Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());

        if (version is not "0.3.1")
        {
            var check = await ours.LibcniAsync("check", oursConfig, oursContainer, "ctr1");
            Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        }

        foreach (var attempt in (string[])["DEL", "DEL again"])
        {
            var oursDel = await ours.LibcniAsync("del", oursConfig, oursContainer, "ctr1");
            var referenceDel = await reference.LibcniAsync("del", referenceConfig, referenceContainer, "ctr1");
            Assert.True(oursDel.ExitCode == 0, attempt + ": " + oursDel.Stdout + oursDel.Stderr);
            Assert.True(referenceDel.ExitCode == 0, attempt + ": " + referenceDel.Stdout + referenceDel.Stderr);
            Assert.Equal(await reference.NodeStateAsync(), await ours.NodeStateAsync());
            Assert.Equal(await TestNode.ContainerStateAsync(referenceContainer), await TestNode.ContainerStateAsync(oursContainer));
            Assert.Equal(reference.AllocationFiles(), ours.AllocationFiles());
        }
    }

    // The MACs and names in our result are those of the links the kernel has.
    private static async Task AssertResultMatchesLinks(TestNode node, string container, string result)
    {
        using var json = JsonDocument.Parse(result);
        var interfaces = json.RootElement.GetProperty("interfaces");
        Assert.Equal(3, interfaces.GetArrayLength());
        foreach (var entry in interfaces.EnumerateArray())
        {
            var name = entry.GetProperty("name").GetString()!;
            var inContainer = entry.TryGetProperty("sandbox", out var sandbox);
            if (inContainer)
            {
                Assert.Equal(TestNode.PathOf(container), sandbox.GetString());
            }

            var link = await TestNode.ExecAsync(inContainer ? container : node.Name, "ip", "-o", "link", "show", "dev", name);
            Assert.Contains("link/ether " + entry.GetProperty("mac").GetString(), link, StringComparison.Ordinal);
        }
    }

    private static string NormalizeResult(string result, string container)
        => Mac().Replace(VethName().Replace(result.Replace(TestNode.PathOf(container), "SANDBOX", StringComparison.Ordinal), "vethX"), "MAC");

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();

    [GeneratedRegex(@"([0-9a-f]{2}:){5}[0-9a-f]{2}")]
    private static partial Regex Mac();
}
