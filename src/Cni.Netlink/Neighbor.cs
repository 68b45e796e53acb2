using System.Net;

namespace Cni.Netlink;

/// <summary>
/// A neighbour entry (ARP for IPv4, NDP for IPv6) to add, replace or delete, as
/// <c>ip neigh add ADDRESS lladdr MAC dev LINK</c>. A struct, so building one allocates nothing.
/// </summary>
public record struct Neighbor
{
    /// <summary>The link the entry belongs to (ndm_ifindex).</summary>
    public int LinkIndex { get; set; }

    /// <summary>The IP address (NDA_DST); it tells IPv4 from IPv6.</summary>
    public IPAddress? Address { get; set; }

    /// <summary>The MAC address (NDA_LLADDR), 6 bytes for Ethernet; empty in a delete or for an entry without one.</summary>
    public ReadOnlyMemory<byte> HardwareAddress { get; set; }

    /// <summary>The state; <see cref="NeighborState.None"/> means <see cref="NeighborState.Permanent"/>, as <c>ip neigh</c> sends.</summary>
    public NeighborState State { get; set; }

    /// <summary>Flags (<see cref="NeighborFlags.Router"/>, <see cref="NeighborFlags.Proxy"/>, ...).</summary>
    public NeighborFlags Flags { get; set; }
}
