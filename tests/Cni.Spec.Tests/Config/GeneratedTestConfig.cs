using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>A plugin's configuration with every kind of key the generated reader reads.</summary>
[GenerateConfigReader]
public sealed partial class GeneratedTestConfig : NetworkConfig
{
    [JsonPropertyName("bridge")]
    public string Bridge { get; set; } = "cni0";

    [JsonPropertyName("isGateway")]
    public bool IsGateway { get; set; }

    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }

    [JsonPropertyName("vlan")]
    public int? Vlan { get; set; }

    [JsonPropertyName("aliases")]
    public IReadOnlyList<string>? Aliases { get; set; }

    [JsonPropertyName("trunk")]
    public IReadOnlyList<GeneratedTestEntry?>? Trunk { get; set; }

    [JsonPropertyName("entries")]
    public GeneratedTestEntry[]? Entries { get; set; }

    [JsonPropertyName("sets")]
    public IReadOnlyList<IReadOnlyList<GeneratedTestEntry>>? Sets { get; set; }

    [JsonPropertyName("main")]
    public GeneratedTestEntry? Main { get; set; }

    [JsonPropertyName("features")]
    public IReadOnlyDictionary<string, bool>? Features { get; set; }

    [JsonPropertyName("extra")]
    public JsonElement? Extra { get; set; }
}
