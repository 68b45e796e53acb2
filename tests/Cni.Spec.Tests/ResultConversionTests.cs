using System.Text;
using System.Text.RegularExpressions;
using Cni.Testing;

namespace Cni.Tests;

/// <summary>
/// Every from→to pair of versions. Where libcni 1.1.2 converts the pair (0.1.0 to 1.0.0 on both sides),
/// our output must equal what libcni itself wrote (Golden/conversions/libcni, eng/capture-conversions.sh),
/// or fail with libcni's message where libcni refuses. Pairs with 1.1.0 on either side are beyond libcni
/// 1.1.2 and stay our own approved files (Golden/conversions/ours, see the README there).
/// </summary>
public partial class ResultConversionTests
{
    private const string LibcniFolder = "conversions/libcni";

    public static TheoryData<string> LibcniFiles => [.. Golden.List(LibcniFolder).Select(Path.GetFileName).OfType<string>()];

    public static TheoryData<string, string> PairsWith110 => Pairs(_ => true, (from, to) => !LibcniConverts(from, to));

    public static TheoryData<string, string> PairsWith110AndAddressFreeSource => Pairs(from => from >= CniVersion.V030, (from, to) => !LibcniConverts(from, to));

    [Theory]
    [MemberData(nameof(LibcniFiles))]
    public void Result_converts_or_fails_as_libcni_1_1_2_does(string file)
    {
        var (sample, from, to, refused) = LibcniCase(file);
        var source = Source(sample, from);
        var toVersion = CniVersion.Parse(to);
        var expected = Golden.Read($"{LibcniFolder}/{file}");
        if (refused)
        {
            var error = Assert.Throws<CniException>(() => source.ToJson(toVersion));
            Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
            Assert.Equal(expected, error.Message);
            return;
        }

        // Read, never Match: approving (CNI_ACCEPT_GOLDEN=1) must not turn libcni's files into ours.
        Assert.Equal(expected, source.ToJson(toVersion));
    }

    [Fact]
    public void Libcni_folder_holds_one_file_for_every_input_and_target_libcni_knows()
    {
        var expected = Golden.List("results").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Select(name => (Sample: name[..name.LastIndexOf('-')], From: CniVersion.Parse(name[(name.LastIndexOf('-') + 1)..])))
            .Where(input => input.From <= CniVersion.V100)
            .SelectMany(input => CniVersion.All.Where(to => LibcniConverts(input.From, to)).Select(to => $"{input.Sample}-{input.From}-to-{to}"))
            .Order(StringComparer.Ordinal);

        var present = LibcniFiles.Select(row => Path.GetFileNameWithoutExtension(row.Data)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, present);
    }

    [Theory]
    [MemberData(nameof(PairsWith110))]
    public void Full_result_converts_to_and_from_1_1_0_as_our_golden_file_says(string from, string to)
        => Golden.Match($"conversions/ours/full-{from}-to-{to}.json", Source("full", from).ToJson(CniVersion.Parse(to)));

    [Theory]
    [MemberData(nameof(PairsWith110AndAddressFreeSource))]
    public void Result_without_addresses_converts_to_and_from_1_1_0_as_our_golden_file_says_or_fails_below_0_3_0(string from, string to)
    {
        var source = Source("no-addresses", from);
        var toVersion = CniVersion.Parse(to);
        if (toVersion < CniVersion.V030)
        {
            // libcni 1.1.2 refuses every other source version below 0.3.0 with this message (its .error files).
            var error = Assert.Throws<CniException>(() => source.ToJson(toVersion));
            Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
            Assert.Equal("cannot convert: no valid IP addresses", error.Message);
            return;
        }

        Golden.Match($"conversions/ours/no-addresses-{from}-to-{to}.json", source.ToJson(toVersion));
    }

    [Fact]
    public void Down_to_0_2_0_keeps_the_first_address_of_each_family_and_routes_by_destination_family()
    {
        var legacy = CniResult.Parse(ResultSamples.Full().ToUtf8Json(CniVersion.V020));

        Assert.Equal(["10.1.0.5/24", "fd00::5/64"], legacy.IPs.Select(ip => ip.Address.ToString()));
        Assert.Equal(["0.0.0.0/0", "10.96.0.0/12", "::/0", "fd10::/16"], legacy.Routes.Select(r => r.Destination.ToString()));
        Assert.All(legacy.Routes, r => Assert.Null(r.Mtu ?? r.Table ?? r.Scope));
        Assert.Empty(legacy.Interfaces);
    }

    [Fact]
    public void Routes_of_a_family_without_an_address_are_dropped_in_0_2_0()
    {
        var result = new CniResult();
        result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.0.0.2/24") });
        result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("::/0") });
        result.Routes.Add(new CniRoute { Destination = IPCidr.Parse("0.0.0.0/0") });

        var legacy = CniResult.Parse(result.ToUtf8Json(CniVersion.V010));

        Assert.Equal("0.0.0.0/0", Assert.Single(legacy.Routes).Destination.ToString());
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public void Versions_before_1_1_0_drop_the_1_1_0_interface_and_route_fields(string version)
    {
        var older = CniResult.Parse(ResultSamples.Full().ToUtf8Json(CniVersion.Parse(version)));

        Assert.All(older.Interfaces, i => Assert.Null(i.Mtu ?? (object?)i.SocketPath ?? i.PciId));
        Assert.All(older.Routes, r => Assert.Null(r.Mtu ?? r.AdvMss ?? r.Priority ?? r.Table ?? r.Scope));
        Assert.Equal("/var/run/netns/cni-1234", older.Interfaces[2].Sandbox);
    }

    // libcni 1.1.2 knows the spec versions up to 1.0.0 and converts between any two of them.
    private static bool LibcniConverts(CniVersion from, CniVersion to) => from <= CniVersion.V100 && to <= CniVersion.V100;

    private static TheoryData<string, string> Pairs(Func<CniVersion, bool> source, Func<CniVersion, CniVersion, bool> pair)
    {
        var data = new TheoryData<string, string>();
        foreach (var from in CniVersion.All.Where(source))
        {
            foreach (var to in CniVersion.All.Where(to => pair(from, to)))
            {
                data.Add(from.ToString(), to.ToString());
            }
        }

        return data;
    }

    private static CniResult Source(string sample, string from)
        => CniResult.Parse(Encoding.UTF8.GetBytes(Golden.Read($"results/{sample}-{from}.json")));

    private static (string Sample, string From, string To, bool Refused) LibcniCase(string file)
    {
        var match = LibcniFileName().Match(file);
        Assert.True(match.Success, $"{file} is not <sample>-<from>-to-<to>.json or .error");
        return (match.Groups["sample"].Value, match.Groups["from"].Value, match.Groups["to"].Value, match.Groups["kind"].Value == "error");
    }

    [GeneratedRegex(@"^(?<sample>.+)-(?<from>[0-9]+\.[0-9]+\.[0-9]+)-to-(?<to>[0-9]+\.[0-9]+\.[0-9]+)\.(?<kind>json|error)$")]
    private static partial Regex LibcniFileName();
}
