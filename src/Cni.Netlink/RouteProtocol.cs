namespace Cni.Netlink;

/// <summary>Who installed a route (RTPROT_* in linux/rtnetlink.h). Other values are daemons' own numbers.</summary>
public enum RouteProtocol : byte
{
    /// <summary>RTPROT_UNSPEC: in a delete, matches any protocol; an added route becomes <see cref="Boot"/>.</summary>
    Unspecified = 0,

    /// <summary>RTPROT_REDIRECT: an ICMP redirect.</summary>
    Redirect = 1,

    /// <summary>RTPROT_KERNEL: the kernel (prefix routes of addresses).</summary>
    Kernel = 2,

    /// <summary>RTPROT_BOOT: added by an administrator or a tool; what <c>ip route add</c> uses.</summary>
    Boot = 3,

    /// <summary>RTPROT_STATIC: added by an administrator to stay.</summary>
    Static = 4,
}
