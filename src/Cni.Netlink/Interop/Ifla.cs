namespace Cni.Netlink.Interop;

/// <summary>Link attributes (IFLA_*, linux/if_link.h) and their nested kinds.</summary>
internal static class Ifla
{
    public const ushort Address = 1;
    public const ushort Broadcast = 2;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort ProtInfo = 12;
    public const ushort TxQLen = 13;
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;
    public const ushort NetNsPid = 19;
    public const ushort AfSpec = 26;
    public const ushort NetNsFd = 28;
    public const ushort ExtMask = 29;
    public const ushort Promiscuity = 30;
    public const ushort LinkNetNsId = 37;

    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort InfoSlaveKind = 4;
    public const ushort InfoSlaveData = 5;

    public const ushort VethInfoPeer = 1;

    public const ushort BrVlanFiltering = 7;
    public const ushort BrVlanDefaultPvid = 39;

    public const ushort BrportMode = 4;
    public const ushort BrportLearning = 8;
    public const ushort BrportUnicastFlood = 9;
    public const ushort BrportIsolated = 33;

    public const ushort VxlanId = 1;
    public const ushort VxlanGroup = 2;
    public const ushort VxlanLink = 3;
    public const ushort VxlanLocal = 4;
    public const ushort VxlanTtl = 5;
    public const ushort VxlanLearning = 7;
    public const ushort VxlanPort = 15;
    public const ushort VxlanGroup6 = 16;
    public const ushort VxlanLocal6 = 17;

    public const ushort VlanId = 1;
    public const ushort VlanProtocol = 5;

    public const ushort MacvlanMode = 1;

    public const ushort IpvlanMode = 1;
    public const ushort IpvlanFlags = 2;

    /// <summary>RTEXT_FILTER_BRVLAN_COMPRESSED: a bridge dump lists each port's VLANs, runs of them as ranges.</summary>
    public const uint RtextFilterBrvlanCompressed = 1 << 2;

    /// <summary>RTEXT_FILTER_SKIP_STATS: leave the counters out of link replies (smaller, faster).</summary>
    public const uint RtextFilterSkipStats = 1 << 3;
}
