using System.Text.Json.Serialization;

namespace Cni.Benchmarks;

/// <summary>The bridge plugin's own keys, as a plugin declares them.</summary>
public sealed class BridgeBenchConfig : NetworkConfig
{
    [JsonPropertyName("bridge")]
    public string Bridge { get; set; } = "cni0";

    [JsonPropertyName("isGateway")]
    public bool IsGateway { get; set; }

    [JsonPropertyName("hairpinMode")]
    public bool HairpinMode { get; set; }

    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }
}
