using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>A plugin's own configuration can hold <see cref="IPCidr"/> members through its own source-generated context.</summary>
public sealed class IPCidrMemberTests
{
    [Fact]
    public void A_plugin_config_reads_and_writes_IPCidr_members()
    {
        var config = NetworkConfig.Parse("""{"cniVersion":"1.0.0","name":"n","type":"t","address":"10.22.0.5/24","extra":["fd00::1/64"]}"""u8, CidrConfigJson.Default.CidrConfig);

        Assert.Equal(IPCidr.Parse("10.22.0.5/24"), config.Address);
        Assert.Equal([IPCidr.Parse("fd00::1/64")], config.Extra);
        Assert.Equal("""{"address":"10.22.0.5/24"}""", JsonSerializer.Serialize(new CidrAddress { Address = config.Address }, CidrConfigJson.Default.CidrAddress));
    }

    [Fact]
    public void A_malformed_address_is_a_decoding_error()
    {
        var error = Assert.Throws<CniException>(() => NetworkConfig.Parse("""{"cniVersion":"1.0.0","name":"n","type":"t","address":"10.22.0.5"}"""u8, CidrConfigJson.Default.CidrConfig));

        Assert.Contains("invalid CIDR address 10.22.0.5", error.Message, StringComparison.Ordinal);
    }
}

public sealed class CidrConfig : NetworkConfig
{
    [JsonPropertyName("address")]
    public IPCidr Address { get; set; }

    [JsonPropertyName("extra")]
    public IList<IPCidr> Extra { get; set; } = [];
}

public sealed class CidrAddress
{
    [JsonPropertyName("address")]
    public IPCidr Address { get; set; }
}

[JsonSerializable(typeof(CidrConfig))]
[JsonSerializable(typeof(CidrAddress))]
internal sealed partial class CidrConfigJson : JsonSerializerContext;
