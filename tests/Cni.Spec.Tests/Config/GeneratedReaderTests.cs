using System.Text;

namespace Cni.Tests.Config;

/// <summary>
/// The reader Cni.Spec's generator writes from a type's [JsonPropertyName] properties ([GenerateConfigReader]):
/// held to what System.Text.Json's generated metadata reads for the same type, with the standard keys filled
/// in after the plugin's own, and to code 6 naming the key for a value of the wrong type.
/// </summary>
public sealed class GeneratedReaderTests
{
    // The type's own members, valid and not; equal keys repeat (the last one wins). Left out, and pinned below,
    // are the nulls the reader reads on purpose unlike the serializer: a null string keeps its declared default,
    // a null inside an array of arrays is an empty array, a null object inside an array of non-nullable objects
    // and a null string inside an array of strings are errors.
    private static readonly string[] s_ownMembers =
    [
        "\"bridge\":\"br0\"", "\"bridge\":\"\"", "\"bridge\":7",
        "\"isGateway\":true", "\"isGateway\":false", "\"isGateway\":null", "\"isGateway\":\"yes\"",
        "\"mtu\":1400", "\"mtu\":-1", "\"mtu\":null", "\"mtu\":1.5", "\"mtu\":2147483648", "\"mtu\":\"1\"",
        "\"vlan\":100", "\"vlan\":null", "\"vlan\":true",
        "\"aliases\":[\"a\",\"b\"]", "\"aliases\":[]", "\"aliases\":null", "\"aliases\":\"a\"", "\"aliases\":[1]",
        "\"trunk\":[{\"id\":1},null,{\"label\":\"x\"}]", "\"trunk\":[]", "\"trunk\":null", "\"trunk\":[7]", "\"trunk\":[{\"id\":\"1\"}]",
        "\"entries\":[{\"id\":2,\"label\":\"y\"}]", "\"entries\":null", "\"entries\":{}",
        "\"sets\":[[{\"id\":3}],[]]", "\"sets\":[]", "\"sets\":null", "\"sets\":[{}]",
        "\"main\":{\"id\":4,\"label\":\"m\",\"unknown\":1}", "\"main\":null", "\"main\":[]",
        "\"features\":{\"a\":true,\"b\":false}", "\"features\":{}", "\"features\":null", "\"features\":{\"a\":1}",
        "\"extra\":{\"deep\":[1,{\"x\":null}]}", "\"extra\":null", "\"extra\":\"text\"",
        "\"Mtu\":5", "\"BRIDGE\":\"x\"",
    ];

    [Fact]
    public void Reads_what_the_generated_metadata_reads_and_fails_where_it_fails_with_the_same_code()
        => MetadataComparison.AssertReadsLikeMetadata(s_ownMembers, TestConfigJson.Default.GeneratedTestConfig, GeneratedTestConfig.Read);

    [Fact]
    public void Null_puts_a_string_back_to_its_declared_default()
    {
        var config = NetworkConfig.Parse("""{"bridge":"br0","bridge":null,"main":{"label":null}}"""u8, GeneratedTestConfig.Read);

        Assert.Equal(("cni0", "none"), (config.Bridge, config.Main!.Label));
    }

    [Fact]
    public void Null_inside_arrays_is_an_item_an_empty_array_or_an_error_by_the_item_type()
    {
        var config = NetworkConfig.Parse("""{"trunk":[null,{"id":1}],"sets":[null,[{"id":2}]]}"""u8, GeneratedTestConfig.Read);

        Assert.Equal([null, 1], config.Trunk!.Select(e => e?.Id));
        Assert.Equal([0, 1], config.Sets!.Select(s => s.Count));
        AssertFails("""{"entries":[{"id":1},null]}""", "error parsing configuration: $.entries[1] must be an object, not null");
        AssertFails("""{"sets":[[null]]}""", "error parsing configuration: $.sets[0][0] must be an object, not null");
        AssertFails("""{"aliases":["a",null]}""", "error parsing configuration: $.aliases[1] must be a string, not null");
    }

    [Theory]
    [InlineData("""{"mtu":"1400"}""", "error parsing configuration: $.mtu must be a number, not a string")]
    [InlineData("""{"trunk":[{"id":1},{"id":"2"}]}""", "error parsing configuration: $.trunk[1].id must be a number, not a string")]
    [InlineData("""{"sets":[[{"id":1}],[{"label":false}]]}""", "error parsing configuration: $.sets[1][0].label must be a string, not a boolean")]
    [InlineData("""{"features":{"a":true,"b":"yes"}}""", "error parsing configuration: $.features.b must be a boolean, not a string")]
    [InlineData("""{"main":{"id":1.5}}""", "error parsing configuration: $.main.id must be an integer, not 1.5")]
    [InlineData("""{"vlan":4294967296}""", "error parsing configuration: $.vlan is out of range: 4294967296")]
    [InlineData("""{"mtu":1400,"mtu":true}""", "error parsing configuration: $.mtu must be a number, not a boolean")]
    [InlineData("""{"mtu":true,"mtu":1400}""", "error parsing configuration: $.mtu must be a number, not a boolean")]
    [InlineData("""{"vlan":"x","mtu":"y"}""", "error parsing configuration: $.vlan must be a number, not a string")]
    public void A_value_of_the_wrong_type_fails_with_code_6_naming_its_path(string json, string message)
        => AssertFails(json, message);

    [Fact]
    public void Own_and_standard_keys_are_both_read_and_the_last_of_two_equal_keys_wins()
    {
        var json = """{"cniVersion":"0.4.0","name":"n","type":"bridge","bridge":"br1","bridge":"br2","mtu":1400,"ipam":{"type":"host-local"},"features":{"f":true}}"""u8;

        var config = NetworkConfig.Parse(json, GeneratedTestConfig.Read);

        Assert.Equal(("br2", 1400, true), (config.Bridge, config.Mtu, config.Features!["f"]));
        Assert.Equal((CniVersion.V040, "n", "bridge", "host-local"), (config.CniVersion, config.Name, config.Type, config.Ipam!.Type));
    }

    private static void AssertFails(string json, string message)
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(Encoding.UTF8.GetBytes(json), GeneratedTestConfig.Read));

        Assert.Equal((CniErrorCode.DecodingFailure, message), (error.Code, error.Message));
    }
}
