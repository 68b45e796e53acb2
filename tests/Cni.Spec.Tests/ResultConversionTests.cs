using System.Text;
using Cni.Testing;

namespace Cni.Tests;

/// <summary>Every from→to pair of versions: the golden output, or libcni's error.</summary>
public class ResultConversionTests
{
    public static TheoryData<string, string> AllPairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var from in CniVersion.All)
            {
                foreach (var to in CniVersion.All)
                {
                    data.Add(from.ToString(), to.ToString());
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Full_result_converts_as_libcni_converts_it(string from, string to)
    {
        var source = Encoding.UTF8.GetBytes(Golden.Read($"results/full-{from}.json"));
        var converted = CniResult.Parse(source).ToJson(CniVersion.Parse(to));
        Golden.Match($"conversions/full-{from}-to-{to}.json", converted);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Result_without_addresses_converts_or_fails_with_libcni_error(string from, string to)
    {
        var fromVersion = CniVersion.Parse(from);
        var toVersion = CniVersion.Parse(to);
        if (fromVersion < CniVersion.V030)
        {
            // 0.2.0 and earlier cannot hold it in the first place.
            Assert.Throws<CniException>(() => ResultSamples.NoAddresses().ToJson(fromVersion));
            return;
        }

        var source = CniResult.Parse(Encoding.UTF8.GetBytes(Golden.Read($"results/no-addresses-{from}.json")));
        if (toVersion < CniVersion.V030)
        {
            var error = Assert.Throws<CniException>(() => source.ToJson(toVersion));
            Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
            Assert.Equal("cannot convert: no valid IP addresses", error.Message);
            return;
        }

        Golden.Match($"conversions/no-addresses-{from}-to-{to}.json", source.ToJson(toVersion));
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
}
