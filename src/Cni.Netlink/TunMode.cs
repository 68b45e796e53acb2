namespace Cni.Netlink;

/// <summary>What a tun/tap link carries (IFF_TUN / IFF_TAP in linux/if_tun.h, IFLA_TUN_TYPE read back).</summary>
public enum TunMode : byte
{
    /// <summary>tun: IP packets, no link-layer header.</summary>
    Tun = 1,

    /// <summary>tap: Ethernet frames.</summary>
    Tap = 2,
}
