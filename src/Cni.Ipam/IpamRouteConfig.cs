using System.Text.Json.Serialization;

namespace Cni.Ipam;

/// <summary>A route of <c>routes</c>, as written (text, validated later).</summary>
[GenerateConfigReader(KeysIgnoreCase = true)]
public sealed partial class IpamRouteConfig
{
    /// <summary>The destination in CIDR notation (<c>dst</c>), host bits kept as written.</summary>
    [JsonPropertyName("dst")]
    public string? Destination { get; init; }

    /// <summary>The next hop (<c>gw</c>), or <see langword="null"/> for the interface's default.</summary>
    [JsonPropertyName("gw")]
    public string? Gateway { get; init; }
}
