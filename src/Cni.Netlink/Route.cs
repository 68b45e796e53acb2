using System.Net;

namespace Cni.Netlink;

/// <summary>
/// A route to add, replace or delete. Set what matters; the rest keeps the kernel's (or
/// <c>ip route</c>'s) defaults. A struct, so building one allocates nothing.
/// </summary>
public record struct Route
{
    /// <summary>The main table (RT_TABLE_MAIN), where routes go by default.</summary>
    public const int MainTable = 254;

    /// <summary>The destination, or <see langword="null"/> for the default route (0.0.0.0/0 or ::/0).</summary>
    public IPAddress? Destination { get; set; }

    /// <summary>The destination's prefix length.</summary>
    public int DestinationPrefixLength { get; set; }

    /// <summary>The next hop (RTA_GATEWAY), or <see langword="null"/> for a direct route.</summary>
    public IPAddress? Gateway { get; set; }

    /// <summary>The output link's index (RTA_OIF), 0 to let the kernel find it from the gateway.</summary>
    public int OutputLinkIndex { get; set; }

    /// <summary>
    /// The gateway is reached directly on <see cref="OutputLinkIndex"/> even though no subnet of the
    /// link holds it (RTNH_F_ONLINK in rtm_flags), as <c>ip route add ... via GW dev LINK onlink</c>:
    /// the route a VXLAN overlay uses to reach a remote node's block through that node's address on the tunnel.
    /// </summary>
    public bool OnLink { get; set; }

    /// <summary>The source address to prefer for packets sent by this route (RTA_PREFSRC).</summary>
    public IPAddress? PreferredSource { get; set; }

    /// <summary>
    /// The scope; <see langword="null"/> means link for an IPv4 route without gateway and universe
    /// otherwise (as <c>ip route add</c> picks), and any scope in a delete.
    /// </summary>
    public RouteScope? Scope { get; set; }

    /// <summary>The table, 0 for <see cref="MainTable"/>.</summary>
    public int Table { get; set; }

    /// <summary>The metric (RTA_PRIORITY); 0 is the kernel's default (0 for IPv4, 1024 for IPv6) and matches any in a delete.</summary>
    public uint Priority { get; set; }

    /// <summary>The type; <see cref="RouteType.Unspecified"/> adds unicast and matches any in a delete.</summary>
    public RouteType Type { get; set; }

    /// <summary>The protocol; <see cref="RouteProtocol.Unspecified"/> adds <see cref="RouteProtocol.Boot"/> and matches any in a delete.</summary>
    public RouteProtocol Protocol { get; set; }

    /// <summary>The path MTU metric (RTAX_MTU), 0 for none.</summary>
    public uint Mtu { get; set; }

    /// <summary>The advertised MSS metric (RTAX_ADVMSS), 0 for none.</summary>
    public uint AdvertisedMss { get; set; }

    /// <summary>
    /// The paths of a multipath route (RTA_MULTIPATH), empty for a single path. With next hops,
    /// <see cref="Gateway"/> and <see cref="OutputLinkIndex"/> stay unset.
    /// </summary>
    public ReadOnlyMemory<NextHop> NextHops { get; set; }
}
