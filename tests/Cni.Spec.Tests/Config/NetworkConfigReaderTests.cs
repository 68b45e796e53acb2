using System.Text;
using System.Text.Json;
using CsCheck;

namespace Cni.Tests.Config;

/// <summary>
/// <see cref="NetworkConfig.Parse(ReadOnlySpan{byte})"/> reads the standard keys with the reader generated from
/// <see cref="NetworkConfig"/>'s <c>[JsonPropertyName]</c> properties; these tests hold it
/// to what System.Text.Json's generated metadata reads, and to spec errors for anything malformed.
/// </summary>
public class NetworkConfigReaderTests
{
    // Members a configuration may hold, valid and not: equal keys repeat (the last one wins), unknown ones are ignored.
    private static readonly string[] s_members =
    [
        "\"cniVersion\":\"1.0.0\"", "\"cniVersion\":\"0.4.0\"", "\"cniVersion\":\"\"", "\"cniVersion\":1", "\"cniVersion\":null",
        "\"name\":\"net-1\"", "\"name\":\"n\"", "\"name\":7",
        "\"type\":\"bridge\"", "\"type\":\"x\"", "\"type\":\"\"", "\"type\":[]",
        "\"args\":{\"cni\":{\"ips\":[\"10.1.0.9\"]}}", "\"args\":null", "\"args\":[1,\"a\"]",
        "\"ipMasq\":true", "\"ipMasq\":false", "\"ipMasq\":\"yes\"", "\"ipMasq\":null",
        "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.1.0.0/16\"}", "\"ipam\":{}", "\"ipam\":null", "\"ipam\":\"host-local\"", "\"ipam\":{\"type\":7}",
        "\"dns\":{\"nameservers\":[\"10.1.0.1\"],\"domain\":\"example.com\"}", "\"dns\":{\"search\":[\"a\",\"b\"],\"options\":[\"ndots:2\"]}",
        "\"dns\":{}", "\"dns\":null", "\"dns\":{\"nameservers\":[1]}", "\"dns\":[]",
        "\"prevResult\":{\"cniVersion\":\"1.0.0\",\"ips\":[]}", "\"prevResult\":null",
        "\"runtimeConfig\":{}", "\"runtimeConfig\":{\"ips\":[\"10.1.0.7/24\"],\"x\":1}", "\"runtimeConfig\":null", "\"runtimeConfig\":[]",
        "\"capabilities\":{\"portMappings\":true,\"bandwidth\":false}", "\"capabilities\":{}", "\"capabilities\":{\"a\":1}",
        "\"cni.dev/valid-attachments\":[{\"containerID\":\"c1\",\"ifname\":\"eth0\"}]", "\"cni.dev/valid-attachments\":[]",
        "\"cni.dev/valid-attachments\":null", "\"cni.dev/valid-attachments\":{}",
        "\"somethingUnknown\":{\"deep\":[1,2,{\"x\":null}]}", "\"CNIVERSION\":\"9\"", "\"Type\":\"ignored\"",
    ];

    /// <summary>The members above, for the tests of plugins' own readers, which fill the standard keys the same way.</summary>
    internal static IReadOnlyList<string> StandardMembers => s_members;

    [Fact]
    public void Reads_what_the_generated_metadata_reads_and_fails_where_it_fails_with_the_same_code()
    {
        Gen.Int[0, s_members.Length - 1].Array[0, 10].Sample(picks =>
        {
            var json = Encoding.UTF8.GetBytes("{" + string.Join(',', picks.Select(i => s_members[i])) + "}");
            var (expected, expectedCode) = Outcome(() => NetworkConfig.Parse(json, StandardKeysJson.Default.NetworkConfig));
            var (actual, actualCode) = Outcome(() => NetworkConfig.Parse(json));

            Assert.Equal(expectedCode, actualCode);
            Assert.Equal(expected, actual);
        }, iter: 2000);
    }

    [Fact]
    public void Every_truncated_configuration_fails_with_code_6()
    {
        var json = """{"cniVersion":"1.0.0","name":"n","type":"host-local","ipam":{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/16"}]]},"dns":{"nameservers":["10.1.0.1"]}}"""u8.ToArray();
        for (var length = 0; length < json.Length; length++)
        {
            var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(json.AsSpan(0, length)));
            Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
            Assert.StartsWith("error parsing configuration: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "error parsing configuration: ")]
    [InlineData("null", "error parsing configuration: expected an object, not null")]
    [InlineData("[]", "error parsing configuration: $ must be an object, not an array")]
    [InlineData("""{"type":"x"} {}""", "error parsing configuration: ")]
    [InlineData("""{"type":"x",}""", "error parsing configuration: ")]
    [InlineData("""{"type":"x","ipMasq":"yes"}""", "error parsing configuration: $.ipMasq must be a boolean, not a string")]
    [InlineData("""{"type":"x","ipMasq":null}""", "error parsing configuration: $.ipMasq must be a boolean, not null")]
    [InlineData("""{"type":"x","cniVersion":1}""", "error parsing configuration: $.cniVersion must be a string, not a number")]
    [InlineData("""{"type":"x","name":["n"]}""", "error parsing configuration: $.name must be a string, not an array")]
    [InlineData("""{"type":"x","capabilities":{"portMappings":"yes"}}""", "error parsing configuration: $.capabilities.portMappings must be a boolean, not a string")]
    [InlineData("""{"type":"x","dns":{"nameservers":"10.1.0.1"}}""", "error parsing configuration: $.dns.nameservers must be an array, not a string")]
    [InlineData("""{"type":"x","cni.dev/valid-attachments":[{"containerID":1}]}""", "error parsing configuration: $.cni.dev/valid-attachments[0].containerID must be a string, not a number")]
    [InlineData("""{"type":"x","ipam":[]}""", "error parsing configuration: $.ipam must be an object, not an array")]
    [InlineData("""{"type":"x","runtimeConfig":{"ips":["10.0.0.300"]}}""", "error parsing configuration: runtimeConfig.ips[0] is not an IP address: \"10.0.0.300\"")]
    public void Malformed_input_fails_with_code_6_naming_what_failed(string json, string message)
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_outlives_the_input_buffer()
    {
        var json = """{"type":"x","args":{"a":1},"ipam":{"type":"host-local"},"prevResult":{"cniVersion":"1.0.0"},"runtimeConfig":{"mac":"m"}}"""u8.ToArray();
        var config = NetworkConfig.Parse(json);
        Array.Clear(json);

        Assert.Equal("""{"a":1}""", config.Args!.Value.GetRawText());
        Assert.Equal("host-local", config.Ipam!.Json.GetProperty("type").GetString());
        Assert.Equal("""{"cniVersion":"1.0.0"}""", config.PrevResult!.Value.GetRawText());
        Assert.Equal("m", config.RuntimeConfig!.Mac);
    }

    // The configuration written back through the generated metadata, or the error's code.
    private static (string? Json, CniErrorCode? Code) Outcome(Func<NetworkConfig> parse)
    {
        try
        {
            return (JsonSerializer.Serialize(parse(), StandardKeysJson.Default.NetworkConfig), null);
        }
        catch (CniException e)
        {
            return (null, e.Code);
        }
    }
}
