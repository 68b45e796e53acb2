using System.Text.Json.Serialization;

namespace Cni.Ipam;

/// <summary>
/// The <c>ipam</c> object of host-local (and of any plugin that allocates like it), as written in the
/// network configuration. Values are kept as text so that <see cref="IpamConfiguration.Load(NetworkConfig, CniArgs)"/>
/// validates them with the reference's messages. Keys are matched case-insensitively, as Go does.
/// </summary>
[GenerateConfigReader(KeysIgnoreCase = true)]
public sealed partial class HostLocalIpamConfig
{
    /// <summary>The IPAM plugin (<c>type</c>), for example <c>host-local</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>The legacy single range's subnet (<c>subnet</c>); when set, that range becomes the first range set.</summary>
    [JsonPropertyName("subnet")]
    public string? Subnet { get; init; }

    /// <summary>The legacy single range's first address (<c>rangeStart</c>).</summary>
    [JsonPropertyName("rangeStart")]
    public string? RangeStart { get; init; }

    /// <summary>The legacy single range's last address (<c>rangeEnd</c>).</summary>
    [JsonPropertyName("rangeEnd")]
    public string? RangeEnd { get; init; }

    /// <summary>The legacy single range's gateway (<c>gateway</c>).</summary>
    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    /// <summary>The range sets (<c>ranges</c>): one address is allocated from each inner list.</summary>
    [JsonPropertyName("ranges")]
    public IReadOnlyList<IReadOnlyList<IpamRangeConfig>>? Ranges { get; init; }

    /// <summary>Routes to return in the result (<c>routes</c>).</summary>
    [JsonPropertyName("routes")]
    public IReadOnlyList<IpamRouteConfig>? Routes { get; init; }

    /// <summary>Where the file store keeps its state (<c>dataDir</c>); <c>/var/lib/cni/networks</c> when absent.</summary>
    [JsonPropertyName("dataDir")]
    public string? DataDir { get; init; }

    /// <summary>A resolv.conf-format file whose settings become the result's <c>dns</c> (<c>resolvConf</c>).</summary>
    [JsonPropertyName("resolvConf")]
    public string? ResolvConf { get; init; }
}
