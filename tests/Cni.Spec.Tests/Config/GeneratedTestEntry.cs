using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>An object inside a generated configuration's arrays.</summary>
[GenerateConfigReader]
public sealed partial class GeneratedTestEntry
{
    [JsonPropertyName("id")]
    public int? Id { get; set; }

    [JsonPropertyName("label")]
    public string Label { get; set; } = "none";
}
