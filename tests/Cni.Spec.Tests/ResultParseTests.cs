using System.Text;
using Cni.Testing;

namespace Cni.Tests;

public class ResultParseTests
{
    public static TheoryData<string> ValidFiles => [.. Golden.List("reference"), .. Golden.List("results")];

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void A_result_truncated_at_any_offset_fails_with_code_6(string file)
    {
        var json = Encoding.UTF8.GetBytes(Golden.Read(file));
        for (var length = 0; length < json.Length; length++)
        {
            var truncated = json.AsSpan(0, length).ToArray();
            AssertDecodingFailure(() => CniResult.Parse(truncated));
            AssertDecodingFailure(() => CniResult.Parse(truncated, CniVersion.V100));
            AssertDecodingFailure(() => CniResult.Parse(truncated, CniVersion.V020));
        }
    }

    [Theory]
    [InlineData("", "invalid result JSON")]
    [InlineData("[]", "a result is a JSON object, not an array")]
    [InlineData("null", "a result is a JSON object, not null")]
    [InlineData("{\"cniVersion\":5}", "\"cniVersion\" must be a string, not a number")]
    [InlineData("{\"cniVersion\":\"1.0.0\"} {}", "invalid result JSON")]
    [InlineData("{\"cniVersion\":\"1.0.0\",}", "invalid result JSON")]
    [InlineData("{\"cniVersion\":\"1.0.0\" /* no */}", "invalid result JSON")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":{}}", "\"ips\" must be an array, not an object")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.1\"}]}", "invalid CIDR address: 10.0.0.1")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"010.0.0.1/24\"}]}", "invalid CIDR address: 010.0.0.1/24")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.1/33\"}]}", "invalid CIDR address: 10.0.0.1/33")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"fe80::1%eth0/64\"}]}", "invalid CIDR address")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":null}]}", "invalid CIDR address: ")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"gateway\":\"10.0.0.1\"}]}", "\"ips[]\" has no \"address\"")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.1/24\",\"gateway\":\"10.0.0\"}]}", "invalid IP address: 10.0.0")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.1/24\",\"interface\":1.5}]}", "\"interface\" must be a 32-bit integer")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\",\"mtu\":\"1500\"}]}", "\"mtu\" must be a 32-bit integer, not a string")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"interfaces\":[\"eth0\"]}", "\"interfaces[]\" must be an object, not a string")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"routes\":[{\"gw\":\"10.0.0.1\"}]}", "\"routes[]\" has no \"dst\"")]
    [InlineData("{\"cniVersion\":\"1.0.0\",\"dns\":{\"nameservers\":\"10.0.0.53\"}}", "\"nameservers\" must be an array, not a string")]
    [InlineData("{\"cniVersion\":\"0.2.0\",\"ip4\":{\"gateway\":\"10.0.0.1\"}}", "\"ip4\" has no \"ip\"")]
    [InlineData("{\"cniVersion\":\"0.2.0\",\"ip6\":[]}", "\"ip6\" must be an object, not an array")]
    public void Malformed_results_fail_with_code_6_and_say_why(string json, string message)
    {
        var error = AssertDecodingFailure(() => CniResult.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_fails_with_code_6()
    {
        byte[] json = [.. "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\""u8, 0xFF, .. "\"}]}"u8];
        AssertDecodingFailure(() => CniResult.Parse(json));
    }

    [Theory]
    [InlineData("0.5.0")]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("2.0.0")]
    public void A_version_libcni_has_no_result_type_for_fails_with_code_1(string version)
    {
        var error = Assert.Throws<CniException>(() => CniResult.Parse(Encoding.UTF8.GetBytes($"{{\"cniVersion\":\"{version}\"}}")));
        Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
        Assert.Equal($"unsupported CNI result version \"{version}\"", error.Message);
        Assert.Throws<CniException>(() => CniResult.Parse("{}"u8, new CniVersion(0, 5, 0)));
    }

    [Theory]
    [InlineData("{\"ip4\":{\"ip\":\"10.0.0.2/24\"}}")]
    [InlineData("{\"cniVersion\":null,\"ip4\":{\"ip\":\"10.0.0.2/24\"}}")]
    [InlineData("{\"cniVersion\":\"\",\"ip4\":{\"ip\":\"10.0.0.2/24\"},\"ips\":[{\"address\":\"10.9.9.9/8\"}]}")]
    public void A_result_without_cniVersion_is_read_as_0_1_0_as_libcni_does(string json)
        => Assert.Equal("10.0.0.2/24", Assert.Single(CniResult.Parse(Encoding.UTF8.GetBytes(json)).IPs).Address.ToString());

    [Fact]
    public void Keys_match_ignoring_case_and_escapes_and_unknown_keys_are_ignored_as_go_does()
    {
        var json = """
            {"extra": {"deep": [1, {"x": null}]}, "CNIVERSION": "1.0.0", "\u0069ps": [{"Address": "10.0.0.2/24", "GateWay": "", "future": true}],
             "Interfaces": [{"NAME": "eth0", "mac": "", "MTU": 0, "pciid": "0000:00:01.0"}], "routes": null, "dns": null}
            """u8;

        var result = CniResult.Parse(json);

        var ip = Assert.Single(result.IPs);
        Assert.Equal("10.0.0.2/24", ip.Address.ToString());
        Assert.Null(ip.Gateway);
        var eth0 = Assert.Single(result.Interfaces);
        Assert.Equal(("eth0", null, null, "0000:00:01.0"), (eth0.Name, eth0.Mac, eth0.Mtu, eth0.PciId));
        Assert.Empty(result.Routes);
        Assert.True(result.Dns.IsEmpty);
    }

    [Fact]
    public void Parse_with_a_version_reads_that_version_shape_whatever_the_json_says()
    {
        var json = """{"cniVersion": "0.2.0", "ip4": {"ip": "10.9.9.9/8"}, "ips": [{"address": "10.0.0.2/24"}]}"""u8;

        Assert.Equal("10.0.0.2/24", Assert.Single(CniResult.Parse(json, CniVersion.V100).IPs).Address.ToString());
        Assert.Equal("10.9.9.9/8", Assert.Single(CniResult.Parse(json).IPs).Address.ToString());
    }

    [Fact]
    public void Fields_of_newer_versions_are_ignored_when_reading_older_ones()
    {
        var json = """{"cniVersion": "0.4.0", "interfaces": [{"name": "eth0", "mtu": 1500, "socketPath": "/s"}], "ips": [{"version": "6", "address": "10.0.0.2/24"}]}"""u8;

        var result = CniResult.Parse(json);

        Assert.Null(result.Interfaces[0].Mtu);
        Assert.Null(result.Interfaces[0].SocketPath);

        // The family comes from the address, not from "version".
        Assert.Contains("\"version\": \"4\"", result.ToJson(CniVersion.V040), StringComparison.Ordinal);
    }

    private static CniException AssertDecodingFailure(Func<object> parse)
    {
        var error = Assert.Throws<CniException>(parse);
        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
        return error;
    }
}
