using System.Net;

namespace Cni;

/// <summary>
/// A range of addresses to allocate from (<c>runtimeConfig.ipRanges[][]</c>, the <c>ipRanges</c> capability;
/// the same shape as host-local's <c>ranges</c>).
/// </summary>
public sealed class IPRange
{
    /// <summary>The subnet (<c>subnet</c>), for example <c>10.1.0.0/16</c>.</summary>
    public required IPCidr Subnet { get; init; }

    /// <summary>The first address to hand out (<c>rangeStart</c>), or <see langword="null"/> for the subnet's first.</summary>
    public IPAddress? RangeStart { get; init; }

    /// <summary>The last address to hand out (<c>rangeEnd</c>), or <see langword="null"/> for the subnet's last.</summary>
    public IPAddress? RangeEnd { get; init; }

    /// <summary>The gateway (<c>gateway</c>), or <see langword="null"/> for the plugin's default.</summary>
    public IPAddress? Gateway { get; init; }
}
