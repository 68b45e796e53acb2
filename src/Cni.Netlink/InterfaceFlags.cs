namespace Cni.Netlink;

/// <summary>A link's flags (IFF_* in linux/if.h), as the kernel reports them in ifi_flags.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after the kernel's flag words (ifi_flags, ifa_flags), like BindingFlags.")]
public enum InterfaceFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>IFF_UP: the administrator set the link up.</summary>
    Up = 0x1,

    /// <summary>IFF_BROADCAST: the link has a broadcast address.</summary>
    Broadcast = 0x2,

    /// <summary>IFF_LOOPBACK: a loopback link.</summary>
    Loopback = 0x8,

    /// <summary>IFF_POINTOPOINT: a point-to-point link.</summary>
    PointToPoint = 0x10,

    /// <summary>IFF_RUNNING: the link is operationally up (RFC 2863 state up).</summary>
    Running = 0x40,

    /// <summary>IFF_NOARP: no ARP on this link.</summary>
    NoArp = 0x80,

    /// <summary>IFF_PROMISC: the link receives all packets.</summary>
    Promiscuous = 0x100,

    /// <summary>IFF_ALLMULTI: the link receives all multicast packets.</summary>
    AllMulticast = 0x200,

    /// <summary>IFF_MULTICAST: the link supports multicast.</summary>
    Multicast = 0x1000,

    /// <summary>IFF_LOWER_UP: the driver signals carrier.</summary>
    LowerUp = 0x10000,

    /// <summary>IFF_DORMANT: the driver signals dormant.</summary>
    Dormant = 0x20000,
}
