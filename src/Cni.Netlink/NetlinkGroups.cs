namespace Cni.Netlink;

/// <summary>The rtnetlink multicast groups a <see cref="NetlinkMonitor"/> listens to (RTMGRP_* in linux/rtnetlink.h).</summary>
[Flags]
public enum NetlinkGroups : uint
{
    /// <summary>No group.</summary>
    None = 0,

    /// <summary>RTMGRP_LINK: links created, changed (up, carrier, operational state) or deleted.</summary>
    Link = 0x1,

    /// <summary>RTMGRP_NEIGH: neighbour entries (ARP, NDP) and bridge and VXLAN forwarding database entries added, changed or deleted.</summary>
    Neighbor = 0x4,

    /// <summary>RTMGRP_IPV4_IFADDR: IPv4 addresses added or removed.</summary>
    IPv4Address = 0x10,

    /// <summary>RTMGRP_IPV4_ROUTE: IPv4 routes added or removed.</summary>
    IPv4Route = 0x40,

    /// <summary>RTMGRP_IPV4_RULE: IPv4 routing rules added or removed.</summary>
    IPv4Rule = 0x80,

    /// <summary>RTMGRP_IPV6_IFADDR: IPv6 addresses added, removed or changed (duplicate address detection done).</summary>
    IPv6Address = 0x100,

    /// <summary>RTMGRP_IPV6_ROUTE: IPv6 routes added or removed.</summary>
    IPv6Route = 0x400,

    /// <summary>
    /// RTNLGRP_IPV6_RULE (group 19): IPv6 routing rules added or removed. The header has no RTMGRP_
    /// constant for it, but the bind mask holds every group up to 32 as bit (group - 1), as <c>ip monitor rule</c> binds it.
    /// </summary>
    IPv6Rule = 0x40000,
}
