using System.Text;
using System.Text.Json;
using CsCheck;

namespace Cni.Ipam.Tests;

/// <summary>
/// The <c>ipam</c> object is read by the reader generated from <see cref="HostLocalIpamConfig"/>; these tests hold it to what
/// System.Text.Json's generated metadata reads, keys in any case, and to code 6 for values of the wrong type.
/// </summary>
public sealed class IpamReaderTests
{
    private static readonly string[] s_members =
    [
        "\"type\":\"host-local\"", "\"subnet\":\"10.1.0.0/16\"", "\"subnet\":\"\"", "\"rangeStart\":\"10.1.0.5\"", "\"rangeEnd\":\"10.1.0.9\"",
        "\"gateway\":\"10.1.0.254\"", "\"dataDir\":\"/run/ipam\"", "\"dataDir\":\"\"", "\"resolvConf\":\"/etc/r.conf\"", "\"subnet\":null",
        "\"ranges\":[[{\"subnet\":\"10.2.0.0/24\",\"rangeStart\":\"10.2.0.5\",\"gateway\":\"10.2.0.1\"}],[{\"subnet\":\"fd00::/64\",\"rangeEnd\":\"fd00::9\"}]]",
        "\"ranges\":[]", "\"ranges\":[[]]", "\"ranges\":null",
        "\"routes\":[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"10.9.0.0/16\",\"gw\":\"10.1.0.1\"}]", "\"routes\":[]", "\"routes\":null",
        "\"etcd\":{\"endpoints\":[\"http://127.0.0.1:2379\"]}", "\"unknown\":[1,{\"a\":null}]",
    ];

    [Fact]
    public void Reads_what_the_generated_metadata_reads_with_keys_in_any_case()
    {
        var casing = Gen.Bool.Array[24];
        Gen.Select(Gen.Int[0, s_members.Length - 1].Array[0, 8], casing).Sample((picks, upper) =>
        {
            var json = "{" + string.Join(',', picks.Select((pick, i) => Recase(s_members[pick], upper[i % upper.Length]))) + "}";
            using var document = JsonDocument.Parse(json);
            var expected = document.RootElement.Deserialize(IpamReaderJson.Default.HostLocalIpamConfig)!;
            var actual = HostLocalIpamConfig.Read(new IpamConfig(document.RootElement).Keys);

            // One known difference: the generated code sets an absent init-only member to null, the reader
            // leaves Type at its declared default, "".
            Assert.Equal(
                JsonSerializer.Serialize(expected, IpamReaderJson.Default.HostLocalIpamConfig).Replace("{\"type\":null,", "{\"type\":\"\",", StringComparison.Ordinal),
                JsonSerializer.Serialize(actual, IpamReaderJson.Default.HostLocalIpamConfig));
        }, iter: 2000);
    }

    [Theory]
    [InlineData("""{"subnet":10}""", "error parsing ipam configuration: ipam.subnet must be a string, not a number", "at ipam.subnet")]
    [InlineData("""{"DataDir":true}""", "error parsing ipam configuration: ipam.DataDir must be a string, not a boolean", "at ipam.DataDir")]
    [InlineData("""{"ranges":{}}""", "error parsing ipam configuration: ipam.ranges must be an array, not an object", "at ipam.ranges")]
    [InlineData("""{"ranges":[{}]}""", "error parsing ipam configuration: ipam.ranges[0] must be an array, not an object", "at ipam.ranges[0]")]
    [InlineData("""{"ranges":[[{"subnet":"10.0.0.0/24"},"x"]]}""", "error parsing ipam configuration: ipam.ranges[0][1] must be an object, not a string", "at ipam.ranges[0][1]")]
    [InlineData("""{"ranges":[[{"rangeEnd":["10.0.0.9"]}]]}""", "error parsing ipam configuration: ipam.ranges[0][0].rangeEnd must be a string, not an array", "at ipam.ranges[0][0].rangeEnd")]
    [InlineData("""{"subnet":"10.0.0.0/24","routes":[{"dst":"0.0.0.0/0","GW":1}]}""", "error parsing ipam configuration: ipam.routes[0].GW must be a string, not a number", "at ipam.routes[0].GW")]
    [InlineData("""{"subnet":"10.0.0.0/24","routes":[null]}""", "error parsing ipam configuration: ipam.routes[0] must be an object, not null", "at ipam.routes[0]")]
    public void Values_of_the_wrong_type_fail_with_code_6_naming_the_key(string ipam, string message, string details)
    {
        var error = Assert.Throws<CniException>(() => Ipam.Load(ipam));

        Assert.Equal((CniErrorCode.DecodingFailure, message, details), (error.Code, error.Message, error.Details));
    }

    [Fact]
    public void A_truncated_configuration_fails_with_code_6_before_the_ipam_section_is_read()
    {
        var json = """{"cniVersion":"1.0.0","name":"n","type":"host-local","ipam":{"type":"host-local","subnet":"10.1.0.0/16","routes":[{"dst":"0.0.0.0/0"}]}}""";
        for (var length = 1; length < json.Length; length++)
        {
            var bytes = Encoding.UTF8.GetBytes(json[..length]);
            Assert.Equal(CniErrorCode.DecodingFailure, Assert.Throws<CniException>(() => IpamConfiguration.Load(NetworkConfig.Parse(bytes), CniArgs.Empty)).Code);
        }
    }

    // Upper-cases the key of a "key":value member, or leaves it as written.
    private static string Recase(string member, bool upper)
    {
        var end = member.IndexOf('"', 1);
        return upper ? member[..end].ToUpperInvariant() + member[end..] : member;
    }
}
