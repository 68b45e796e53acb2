using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>An IPAM plugin's own view of the <c>ipam</c> object.</summary>
public sealed class HostLocalTestIpam
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("subnet")]
    public string? Subnet { get; set; }

    [JsonPropertyName("dataDir")]
    public string? DataDir { get; set; }
}
