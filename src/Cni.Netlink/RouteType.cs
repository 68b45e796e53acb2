namespace Cni.Netlink;

/// <summary>A route's type (RTN_* in linux/rtnetlink.h).</summary>
public enum RouteType : byte
{
    /// <summary>RTN_UNSPEC: in a delete, matches any type; an added route becomes unicast.</summary>
    Unspecified = 0,

    /// <summary>RTN_UNICAST: a gateway or a direct route.</summary>
    Unicast = 1,

    /// <summary>RTN_LOCAL: a local address.</summary>
    Local = 2,

    /// <summary>RTN_BROADCAST: sent as link broadcast.</summary>
    Broadcast = 3,

    /// <summary>RTN_ANYCAST: a local anycast address.</summary>
    Anycast = 4,

    /// <summary>RTN_MULTICAST: a multicast route.</summary>
    Multicast = 5,

    /// <summary>RTN_BLACKHOLE: packets are dropped silently.</summary>
    Blackhole = 6,

    /// <summary>RTN_UNREACHABLE: the destination is unreachable.</summary>
    Unreachable = 7,

    /// <summary>RTN_PROHIBIT: administratively prohibited.</summary>
    Prohibit = 8,

    /// <summary>RTN_THROW: continue the lookup in another table.</summary>
    Throw = 9,
}
