using System.Text.Json.Serialization;

namespace Cni.Benchmarks;

/// <summary>
/// The bridge plugin's own keys, declared once: System.Text.Json reads them through <see cref="BridgeBenchJson"/>,
/// the generated reader (<c>BridgeBenchConfig.Read</c>) as samples/bridge reads its own.
/// </summary>
[GenerateConfigReader]
public sealed partial class BridgeBenchConfig : NetworkConfig
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
