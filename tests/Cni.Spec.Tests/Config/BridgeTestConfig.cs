using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>A plugin's own configuration type, as a plugin author writes it.</summary>
public sealed class BridgeTestConfig : NetworkConfig
{
    [JsonPropertyName("bridge")]
    public string Bridge { get; set; } = "cni0";

    [JsonPropertyName("isGateway")]
    public bool IsGateway { get; set; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; set; }
}
