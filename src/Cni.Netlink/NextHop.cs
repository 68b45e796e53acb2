using System.Net;

namespace Cni.Netlink;

/// <summary>
/// One path of a multipath route (<see cref="Route.NextHops"/>), as <c>ip route add ... nexthop via
/// GW dev LINK weight W</c>. A struct, so building one allocates nothing.
/// </summary>
public record struct NextHop
{
    /// <summary>The gateway (RTA_GATEWAY inside the next hop), or <see langword="null"/> for a direct path.</summary>
    public IPAddress? Gateway { get; set; }

    /// <summary>The output link's index (rtnh_ifindex), 0 to let the kernel find it from the gateway.</summary>
    public int LinkIndex { get; set; }

    /// <summary>The gateway is reached directly on <see cref="LinkIndex"/>, on no subnet of it (RTNH_F_ONLINK in rtnh_flags), as <c>nexthop via GW dev LINK onlink</c>.</summary>
    public bool OnLink { get; set; }

    /// <summary>The path's share of the traffic, 1 to 256 (rtnh_hops + 1); 0 means 1.</summary>
    public int Weight { get; set; }
}
