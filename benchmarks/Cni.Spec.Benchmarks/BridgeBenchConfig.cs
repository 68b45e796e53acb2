using System.Text.Json;
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

    /// <summary>The same keys read by hand, as samples/bridge reads its own (<see cref="ConfigObject"/>).</summary>
    public static BridgeBenchConfig Read(JsonElement json)
    {
        var keys = new ConfigObject(json);
        var config = new BridgeBenchConfig();
        config.Bridge = keys.GetString("bridge", config.Bridge);
        config.IsGateway = keys.GetBoolean("isGateway", config.IsGateway);
        config.HairpinMode = keys.GetBoolean("hairpinMode", config.HairpinMode);
        config.Mtu = keys.GetInt32("mtu", config.Mtu);
        return config;
    }
}
