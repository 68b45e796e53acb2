using System.Text.Json.Serialization;

namespace Cni.Ipam;

/// <summary>One range of a range set in <c>ranges</c>, as written (text, validated later).</summary>
[GenerateConfigReader(KeysIgnoreCase = true)]
public sealed partial class IpamRangeConfig
{
    /// <summary>The subnet (<c>subnet</c>), for example <c>10.1.0.0/16</c>; no host bits, /30 (IPv6 /126) or larger.</summary>
    [JsonPropertyName("subnet")]
    public string? Subnet { get; init; }

    /// <summary>The first address to hand out (<c>rangeStart</c>); the subnet's second address when absent.</summary>
    [JsonPropertyName("rangeStart")]
    public string? RangeStart { get; init; }

    /// <summary>The last address to hand out (<c>rangeEnd</c>); the address before broadcast (IPv4) or the last one (IPv6) when absent.</summary>
    [JsonPropertyName("rangeEnd")]
    public string? RangeEnd { get; init; }

    /// <summary>The gateway (<c>gateway</c>), never handed out; the subnet's second address when absent.</summary>
    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }
}
