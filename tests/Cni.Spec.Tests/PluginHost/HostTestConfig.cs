using System.Text.Json.Serialization;

namespace Cni.Tests.PluginHost;

/// <summary>A plugin configuration for the host tests: the standard keys plus one of its own.</summary>
public sealed class HostTestConfig : NetworkConfig
{
    [JsonPropertyName("greeting")]
    public string? Greeting { get; set; }
}
