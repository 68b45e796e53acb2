using System.Text;
using Cni.Testing;

namespace Cni.Tests;

/// <summary>
/// The Go reference plugins' own ADD output (captured by eng/capture-reference-results.sh): read and
/// written back in the same version, our bytes must be theirs.
/// </summary>
public class ResultReferenceTests
{
    public static TheoryData<string> ReferenceFiles => [.. Golden.List("reference")];

    public static TheoryData<string, string> HostLocalPairs
    {
        get
        {
            var versions = HostLocalVersions().ToList();
            var data = new TheoryData<string, string>();
            foreach (var from in versions)
            {
                foreach (var to in versions)
                {
                    data.Add(from, to);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Reference_output_reads_and_writes_back_to_the_same_bytes(string file)
    {
        var reference = Encoding.UTF8.GetBytes(Golden.Read(file));
        var version = VersionOf(file);

        Assert.Equal(reference, CniResult.Parse(reference).ToUtf8Json(version));
        Assert.Equal(reference, CniResult.Parse(reference, version).ToUtf8Json(version));
    }

    [Theory]
    [MemberData(nameof(HostLocalPairs))]
    public void Host_local_output_converted_to_another_version_is_what_host_local_prints_in_it(string from, string to)
    {
        // host-local gave the same addresses in every version (a fresh data directory each), so a
        // conversion must give exactly the reference's own output in the target version.
        var source = Encoding.UTF8.GetBytes(Golden.Read($"reference/host-local-{from}.json"));
        Assert.Equal(Golden.Read($"reference/host-local-{to}.json"), CniResult.Parse(source).ToJson(CniVersion.Parse(to)));
    }

    [Fact]
    public void Bridge_output_is_read_into_the_model()
    {
        var result = CniResult.Parse(Encoding.UTF8.GetBytes(Golden.Read("reference/bridge-1.0.0.json")));

        Assert.Equal(["cnit-br0", "eth0"], [result.Interfaces[0].Name, result.Interfaces[2].Name]);
        Assert.Equal("/var/run/netns/cnit-ctr", result.Interfaces[2].Sandbox);
        Assert.Equal(["10.99.0.2/24", "fd99::2/64"], result.IPs.Select(ip => ip.Address.ToString()));
        Assert.All(result.IPs, ip => Assert.Equal(2, ip.Interface));
        Assert.Equal(["0.0.0.0/0", "192.168.128.0/17", "::/0"], result.Routes.Select(r => r.Destination.ToString()));
        Assert.Equal("example.test", result.Dns.Domain);
    }

    [Fact]
    public void Legacy_reference_output_becomes_ip4_then_ip6_with_their_routes()
    {
        var result = CniResult.Parse(Encoding.UTF8.GetBytes(Golden.Read("reference/bridge-0.2.0.json")));

        Assert.Empty(result.Interfaces);
        Assert.Equal(["10.99.0.2/24", "fd99::2/64"], result.IPs.Select(ip => ip.Address.ToString()));
        Assert.All(result.IPs, ip => Assert.Null(ip.Interface));
        Assert.Equal(["0.0.0.0/0", "192.168.128.0/17", "::/0"], result.Routes.Select(r => r.Destination.ToString()));
        Assert.Equal("10.99.0.254", result.Routes[1].Gateway?.ToString());
    }

    private static IEnumerable<string> HostLocalVersions()
        => Golden.List("reference").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => n.StartsWith("host-local-", StringComparison.Ordinal)).Select(n => n["host-local-".Length..]);

    private static CniVersion VersionOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return CniVersion.Parse(name[(name.LastIndexOf('-') + 1)..]);
    }
}
