using System.Text.RegularExpressions;
using Cni.Samples.Tests.Bridge;

namespace Cni.Samples.Tests.Ptp;

/// <summary>
/// Failing ADDs, through libcni, next to the reference ptp plugin on a parallel node: the same
/// error (code and message) reaches the runtime. Ours leaves nothing behind (the reference leaves
/// the veth pair when a step after it fails).
/// </summary>
public sealed partial class PtpErrorTests
{
    private const string Ipam = "\"type\":\"host-local\",\"subnet\":\"10.33.0.0/24\",\"dataDir\":\"DATADIR\"";

    // name: (configuration keys, ipam keys, CNI_ARGS, a command run in the container before the ADD)
    private static readonly Dictionary<string, (string Keys, string IpamKeys, string Args, string[]? Setup)> Cases = new()
    {
        ["no IPAM type"] = ("\"ipMasq\":true", "\"subnet\":\"10.33.0.0/24\"", "", null),
        ["a bad subnet"] = ("\"ipMasq\":true", "\"type\":\"host-local\",\"subnet\":\"bogus\",\"dataDir\":\"DATADIR\"", "", null),
        ["unknown CNI_ARGS"] = ("\"ipMasq\":true", Ipam, "FOO=bar", null),
        ["the container has eth0 already"] = ("\"ipMasq\":true", Ipam, "", ["ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0p"]),
        ["an MTU the kernel refuses"] = ("\"mtu\":70000", Ipam, "", null),
        ["an IPAM route clashing with the gateway route"] = ("\"ipMasq\":true", Ipam + ",\"routes\":[{\"dst\":\"10.33.0.1/32\"}]", "", null),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ADD_fails_as_the_reference_does_and_leaves_nothing(string name)
    {
        var (keys, ipamKeys, args, setup) = Cases[name];
        var json = $$$"""{"cniVersion":"1.0.0","name":"cnit-ptp","type":"ptp",{{{keys}}},"ipam":{{{{ipamKeys}}}}}""";
        using var ours = PtpPlugin.Node();
        using var reference = PtpPlugin.ReferenceNode();
        var results = new List<string>();
        foreach (var node in (TestNode[])[reference, ours])
        {
            var container = node.AddContainer();
            if (setup is not null)
            {
                await TestNode.ExecAsync(container, setup);
            }

            var add = await node.LibcniAsync("add", node.WriteConfig("ptp.conf", json), container, "ctr1", args: args);
            Assert.True(add.ExitCode == 1, add.Stdout + add.Stderr);
            results.Add(KnownDifferences(VethName().Replace(add.Stdout, "vethX")));
            if (node == ours)
            {
                Assert.DoesNotContain("link-netns", await TestNode.ExecAsync(container, "ip", "-o", "link", "show"), StringComparison.Ordinal);
                await PtpTests.AssertNothingLeftAsync(node);
            }
        }

        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public async Task ADD_into_a_missing_namespace_fails_as_the_reference_does_and_releases_the_address()
    {
        var json = $$$"""{"cniVersion":"1.0.0","name":"cnit-ptp","type":"ptp","ipMasq":true,"ipam":{{{{Ipam}}}}}""";
        using var ours = PtpPlugin.Node();
        using var reference = PtpPlugin.ReferenceNode();
        var results = new List<string>();
        foreach (var node in (TestNode[])[reference, ours])
        {
            var add = await node.LibcniAsync("add", node.WriteConfig("ptp.conf", json), "cnit-ctr-missing", "ctr1");
            Assert.True(add.ExitCode == 1, add.Stdout + add.Stderr);
            results.Add(add.Stdout);
            Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-ptp/10.", StringComparison.Ordinal));
        }

        Assert.Equal(results[0], results[1]);
        await PtpTests.AssertNothingLeftAsync(ours);
    }

    // Cni.Ipam's configuration errors say where in the configuration the bad value is (details,
    // which libcni appends to the message). The messages are the same.
    private static string KnownDifferences(string error)
        => error.Replace("\"details\":\"at ipam.subnet\"", "\"details\":\"\"", StringComparison.Ordinal)
            .Replace("; at ipam.subnet\"", "\"", StringComparison.Ordinal);

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();
}
