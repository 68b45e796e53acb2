using System.Text.Json;

namespace Cni.Tests.Config;

/// <summary>
/// <see cref="NetworkConfig.Parse{T}(ReadOnlySpan{byte}, Func{JsonElement, T})"/>: the plugin reads its own keys by
/// hand (<see cref="ConfigObject"/>), the standard keys are filled in after it. Held to what the generated
/// metadata reads for the same type, and to spec errors for anything malformed.
/// </summary>
public sealed class HandReadConfigTests
{
    // The test type's own members, valid and not. "bridge":null is left out: the generated code sets null,
    // the hand reader keeps the default (pinned below).
    private static readonly string[] s_ownMembers =
    [
        "\"bridge\":\"br0\"", "\"bridge\":\"\"", "\"bridge\":7", "\"bridge\":[\"br0\"]",
        "\"isGateway\":true", "\"isGateway\":false", "\"isGateway\":\"yes\"", "\"isGateway\":null", "\"isGateway\":1",
        "\"mtu\":1400", "\"mtu\":-1", "\"mtu\":null", "\"mtu\":\"1400\"", "\"mtu\":1.5", "\"mtu\":1e3", "\"mtu\":2147483648", "\"mtu\":{}",
        "\"Mtu\":5", "\"BRIDGE\":\"x\"",
    ];

    [Fact]
    public void Reads_what_the_generated_metadata_reads_and_fails_where_it_fails_with_the_same_code()
        => MetadataComparison.AssertReadsLikeMetadata(s_ownMembers, TestConfigJson.Default.BridgeTestConfig, ReadByHand);

    [Fact]
    public void Own_and_standard_keys_are_both_read()
    {
        var json = """{"cniVersion":"0.4.0","name":"n","type":"bridge","bridge":"br1","isGateway":true,"mtu":1400,"ipMasq":true,"ipam":{"type":"host-local"}}"""u8;

        var config = NetworkConfig.Parse(json, ReadByHand);

        Assert.Equal(("br1", true, 1400), (config.Bridge, config.IsGateway, config.Mtu));
        Assert.Equal((CniVersion.V040, "n", "bridge", true, "host-local"), (config.CniVersion, config.Name, config.Type, config.IPMasq, config.Ipam!.Type));
    }

    [Fact]
    public void A_null_string_keeps_its_default()
        => Assert.Equal("cni0", NetworkConfig.Parse("""{"type":"bridge","bridge":null}"""u8, ReadByHand).Bridge);

    [Fact]
    public void The_plugins_keys_are_read_first_so_its_error_is_the_one_reported()
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse("""{"ipMasq":"yes","mtu":"1400"}"""u8, ReadByHand));

        Assert.Equal((CniErrorCode.DecodingFailure, "error parsing configuration: $.mtu must be a number, not a string"), (error.Code, error.Message));
    }

    [Fact]
    public void A_config_without_type_is_read_as_the_reference_plugins_read_it()
    {
        var config = NetworkConfig.Parse("""{"name":"n","mtu":1400}"""u8, ReadByHand);

        Assert.Equal(("", "n", 1400), (config.Type, config.Name, config.Mtu));
    }

    [Fact]
    public void Every_truncated_configuration_fails_with_code_6()
    {
        var json = """{"cniVersion":"1.0.0","name":"n","type":"bridge","bridge":"br0","isGateway":true,"mtu":1400,"ipam":{"type":"host-local","subnet":"10.1.0.0/16"},"dns":{"nameservers":["10.1.0.1"]}}"""u8.ToArray();
        for (var length = 0; length < json.Length; length++)
        {
            var error = Assert.Throws<CniException>(() => NetworkConfig.Parse(json.AsSpan(0, length), ReadByHand));
            Assert.Equal(CniErrorCode.DecodingFailure, error.Code);
            Assert.StartsWith("error parsing configuration: ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void What_the_reader_keeps_outlives_the_input_buffer()
    {
        var json = """{"type":"x","args":{"a":1},"greeting":{"text":"hi"}}"""u8.ToArray();
        var config = NetworkConfig.Parse(json, root => new KeepingConfig { Kept = root.GetProperty("greeting") });
        Array.Clear(json);

        Assert.Equal("""{"text":"hi"}""", config.Kept.GetRawText());
        Assert.Equal("""{"a":1}""", config.Args!.Value.GetRawText());
    }

    [Fact]
    public void A_reader_that_returns_null_is_a_programming_error()
        => Assert.Throws<InvalidOperationException>(() => NetworkConfig.Parse<BridgeTestConfig>("""{"type":"x"}"""u8, _ => null!));

    // How a plugin author reads BridgeTestConfig's keys.
    private static BridgeTestConfig ReadByHand(JsonElement json)
    {
        var keys = new ConfigObject(json);
        var config = new BridgeTestConfig();
        config.Bridge = keys.GetString("bridge", config.Bridge);
        config.IsGateway = keys.GetBoolean("isGateway", config.IsGateway);
        config.Mtu = keys.GetNullableInt32("mtu");
        return config;
    }

    private sealed class KeepingConfig : NetworkConfig
    {
        public JsonElement Kept { get; init; }
    }
}
