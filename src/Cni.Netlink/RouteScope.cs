namespace Cni.Netlink;

/// <summary>How far an address or route reaches (RT_SCOPE_* in linux/rtnetlink.h).</summary>
public enum RouteScope : byte
{
    /// <summary>RT_SCOPE_UNIVERSE: anywhere (routes through a gateway, global addresses).</summary>
    Universe = 0,

    /// <summary>RT_SCOPE_SITE: within the site (IPv6).</summary>
    Site = 200,

    /// <summary>RT_SCOPE_LINK: on the directly attached link.</summary>
    Link = 253,

    /// <summary>RT_SCOPE_HOST: on this host only.</summary>
    Host = 254,

    /// <summary>RT_SCOPE_NOWHERE: no destination; in a delete, matches any scope.</summary>
    Nowhere = 255,
}
