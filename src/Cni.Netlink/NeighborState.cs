namespace Cni.Netlink;

/// <summary>The state of a neighbour entry (NUD_* in linux/neighbour.h); the kernel reports one of them.</summary>
[Flags]
public enum NeighborState : ushort
{
    /// <summary>NUD_NONE: no state; an added entry becomes <see cref="Permanent"/>.</summary>
    None = 0,

    /// <summary>NUD_INCOMPLETE: resolution in progress.</summary>
    Incomplete = 0x01,

    /// <summary>NUD_REACHABLE: confirmed recently.</summary>
    Reachable = 0x02,

    /// <summary>NUD_STALE: valid but not confirmed recently.</summary>
    Stale = 0x04,

    /// <summary>NUD_DELAY: waiting before probing.</summary>
    Delay = 0x08,

    /// <summary>NUD_PROBE: being probed.</summary>
    Probe = 0x10,

    /// <summary>NUD_FAILED: resolution failed.</summary>
    Failed = 0x20,

    /// <summary>NUD_NOARP: no resolution needed (multicast, point-to-point).</summary>
    NoArp = 0x40,

    /// <summary>NUD_PERMANENT: static, never expires (what <c>ip neigh add</c> makes).</summary>
    Permanent = 0x80,
}
