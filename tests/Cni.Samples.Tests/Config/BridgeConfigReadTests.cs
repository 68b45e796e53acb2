using Bridge;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// <c>BridgeConfig.Read</c>, generated from the bridge's [JsonPropertyName] properties, reads its keys; these
/// tests hold it to System.Text.Json's metadata for the same properties and to spec errors for anything malformed.
/// </summary>
public sealed class BridgeConfigReadTests
{
    // Every key of the bridge, valid (some only as JSON: checked later, by Validate), in the wrong case
    // (ignored), and repeated (the last wins).
    private static readonly string[] s_members =
    [
        "\"bridge\":\"br0\"", "\"bridge\":\"\"", "\"isGateway\":true", "\"isGateway\":false", "\"isDefaultGateway\":true",
        "\"forceAddress\":true", "\"mtu\":1400", "\"mtu\":-1", "\"mtu\":0", "\"hairpinMode\":true", "\"promiscMode\":false",
        "\"vlan\":100", "\"vlan\":5000", "\"vlanTrunk\":[{\"id\":101},{\"minID\":200,\"maxID\":210}]", "\"vlanTrunk\":[]",
        "\"vlanTrunk\":null", "\"vlanTrunk\":[null,{}]", "\"vlanTrunk\":[{\"id\":null,\"minID\":1,\"unknown\":\"x\"}]",
        "\"preserveDefaultVlan\":false", "\"preserveDefaultVlan\":true", "\"enabledad\":true", "\"portIsolation\":true",
        "\"disableContainerInterface\":true", "\"macspoofchk\":true", "\"ipMasqBackend\":\"nftables\"", "\"ipMasqBackend\":null",
        "\"ipMasqBackend\":\"\"", "\"IsGateway\":\"ignored\"", "\"VLAN\":\"x\"", "\"MTU\":[]",
    ];

    // Every key with values of the wrong JSON type; "bridge":null is not here (see below).
    private static readonly string[] s_badMembers =
    [
        "\"bridge\":7", "\"bridge\":[]", "\"isGateway\":\"yes\"", "\"isGateway\":null", "\"isDefaultGateway\":1", "\"forceAddress\":[]",
        "\"mtu\":\"1400\"", "\"mtu\":null", "\"mtu\":1.5", "\"mtu\":2147483648", "\"mtu\":-2147483649", "\"mtu\":1e2", "\"hairpinMode\":{}",
        "\"promiscMode\":\"false\"", "\"vlan\":null", "\"vlan\":true", "\"vlanTrunk\":{}", "\"vlanTrunk\":[1]", "\"vlanTrunk\":[[]]",
        "\"vlanTrunk\":\"100\"", "\"vlanTrunk\":[{\"id\":\"101\"}]", "\"vlanTrunk\":[{},{\"minID\":1.5}]", "\"vlanTrunk\":[{\"maxID\":true}]",
        "\"vlanTrunk\":[{\"id\":4294967296}]", "\"preserveDefaultVlan\":null", "\"enabledad\":\"true\"", "\"portIsolation\":0",
        "\"disableContainerInterface\":[]", "\"macspoofchk\":\"yes\"", "\"ipMasqBackend\":1", "\"ipMasqBackend\":false",
    ];

    [Fact]
    public void Reads_what_the_generated_metadata_read_and_fails_where_it_failed_naming_the_same_key()
        => ConfigComparison.AssertSameOutcomes(
            s_members,
            s_badMembers,
            json => NetworkConfig.Parse(json, GeneratedConfigJson.Default.BridgeConfig),
            json => NetworkConfig.Parse(json, BridgeConfig.Read),
            config => System.Text.Json.JsonSerializer.Serialize(config, GeneratedConfigJson.Default.BridgeConfig));

    [Fact]
    public void An_empty_configuration_has_the_references_defaults()
    {
        var config = NetworkConfig.Parse("""{"type":"bridge"}"""u8, BridgeConfig.Read);

        Assert.Equal(("cni0", true, null, 0, 0), (config.BridgeName, config.PreserveDefaultVlan, config.VlanTrunk, config.Mtu, config.Vlan));
    }

    // The generated code set BridgeName to null, which the plugin then failed on; Go's decoder leaves
    // the default, and so does the generated reader.
    [Fact]
    public void A_null_bridge_name_keeps_the_default()
        => Assert.Equal("cni0", NetworkConfig.Parse("""{"type":"bridge","bridge":null}"""u8, BridgeConfig.Read).BridgeName);

    [Theory]
    [InlineData("""{"type":"bridge","isGateway":"yes"}""", "$.isGateway must be a boolean, not a string")]
    [InlineData("""{"type":"bridge","mtu":1.5}""", "$.mtu must be an integer, not 1.5")]
    [InlineData("""{"type":"bridge","vlan":4294967296}""", "$.vlan is out of range: 4294967296")]
    [InlineData("""{"type":"bridge","vlanTrunk":[{"id":101},{"minID":"200"}]}""", "$.vlanTrunk[1].minID must be a number, not a string")]
    [InlineData("""{"type":"bridge","vlanTrunk":[7]}""", "$.vlanTrunk[0] must be an object, not a number")]
    [InlineData("""{"type":"bridge","ipMasqBackend":1}""", "$.ipMasqBackend must be a string, not a number")]
    public void A_value_of_the_wrong_type_fails_with_code_6_naming_the_key(string json, string message)
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(System.Text.Encoding.UTF8.GetBytes(json), BridgeConfig.Read));

        Assert.Equal((CniErrorCode.DecodingFailure, "error parsing configuration: " + message), (error.Code, error.Message));
    }

    [Fact]
    public void Every_truncated_configuration_fails_with_code_6()
    {
        var json = """{"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0","isGateway":true,"mtu":1400,"vlanTrunk":[{"minID":200,"maxID":210},{"id":5}],"preserveDefaultVlan":false,"ipMasqBackend":"nftables","ipam":{"type":"host-local","subnet":"10.22.0.0/16"}}"""u8.ToArray();
        for (var length = 0; length < json.Length; length++)
        {
            var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(json.AsSpan(0, length), BridgeConfig.Read));
            Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
            Assert.StartsWith("error parsing configuration: ", error.Message, StringComparison.Ordinal);
        }
    }
}
