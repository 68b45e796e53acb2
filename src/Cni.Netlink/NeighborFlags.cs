namespace Cni.Netlink;

/// <summary>Flags of a neighbour entry (NTF_* in linux/neighbour.h).</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after the kernel's flag word (ndm_flags), like AddressFlags.")]
public enum NeighborFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>NTF_USE: mark the entry used (refreshes it).</summary>
    Use = 0x01,

    /// <summary>NTF_SELF: on the device itself (FDB entries).</summary>
    Self = 0x02,

    /// <summary>NTF_MASTER: on the device's master (FDB entries).</summary>
    Master = 0x04,

    /// <summary>NTF_PROXY: a proxy entry (proxy ARP / NDP).</summary>
    Proxy = 0x08,

    /// <summary>NTF_EXT_LEARNED: learned outside the kernel.</summary>
    ExternallyLearned = 0x10,

    /// <summary>NTF_ROUTER: IPv6: the neighbour is a router.</summary>
    Router = 0x80,
}
