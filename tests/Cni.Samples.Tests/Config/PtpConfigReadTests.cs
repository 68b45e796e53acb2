using Ptp;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// <c>PtpConfig.Read</c>, generated from ptp's [JsonPropertyName] properties, reads its keys; these tests hold
/// it to System.Text.Json's metadata for the same properties and to spec errors for anything malformed.
/// </summary>
public sealed class PtpConfigReadTests
{
    private static readonly string[] s_members =
    [
        "\"mtu\":1400", "\"mtu\":0", "\"mtu\":-1", "\"mtu\":70000", "\"ipMasqBackend\":\"iptables\"", "\"ipMasqBackend\":\"nftables\"",
        "\"ipMasqBackend\":\"\"", "\"ipMasqBackend\":null", "\"MTU\":\"x\"", "\"isGateway\":\"not ptp's\"",
    ];

    private static readonly string[] s_badMembers =
    [
        "\"mtu\":\"1400\"", "\"mtu\":null", "\"mtu\":1.5", "\"mtu\":2147483648", "\"mtu\":[]", "\"mtu\":true",
        "\"ipMasqBackend\":1", "\"ipMasqBackend\":{}", "\"ipMasqBackend\":true",
    ];

    [Fact]
    public void Reads_what_the_generated_metadata_read_and_fails_where_it_failed_naming_the_same_key()
        => ConfigComparison.AssertSameOutcomes(
            s_members,
            s_badMembers,
            json => NetworkConfig.Parse(json, GeneratedConfigJson.Default.PtpConfig),
            json => NetworkConfig.Parse(json, PtpConfig.Read),
            config => System.Text.Json.JsonSerializer.Serialize(config, GeneratedConfigJson.Default.PtpConfig));

    [Fact]
    public void Every_truncated_configuration_fails_with_code_6()
    {
        var json = """{"cniVersion":"1.0.0","name":"cnit-ptp","type":"ptp","ipMasq":true,"mtu":1400,"ipMasqBackend":"nftables","ipam":{"type":"host-local","subnet":"10.33.0.0/24"}}"""u8.ToArray();
        for (var length = 0; length < json.Length; length++)
        {
            var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(json.AsSpan(0, length), PtpConfig.Read));
            Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
            Assert.StartsWith("error parsing configuration: ", error.Message, StringComparison.Ordinal);
        }
    }
}
