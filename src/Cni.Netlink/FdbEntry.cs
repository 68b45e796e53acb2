using System.Net;

namespace Cni.Netlink;

/// <summary>
/// A forwarding database entry of a bridge or a VXLAN device to add, replace, append or delete, as
/// <c>bridge fdb add MAC dev LINK dst REMOTE self permanent</c>: on a VXLAN device it sends frames for
/// <see cref="HardwareAddress"/> to the remote tunnel endpoint <see cref="Destination"/>. A struct,
/// so building one allocates nothing.
/// </summary>
public record struct FdbEntry
{
    /// <summary>The device (ndm_ifindex): the VXLAN device, or a bridge port, or the bridge itself.</summary>
    public int LinkIndex { get; set; }

    /// <summary>The MAC address (NDA_LLADDR), 6 bytes; all zeros on a VXLAN device is the default destination (flooding).</summary>
    public ReadOnlyMemory<byte> HardwareAddress { get; set; }

    /// <summary>The remote tunnel endpoint (NDA_DST), for a VXLAN device; <see langword="null"/> for a bridge entry.</summary>
    public IPAddress? Destination { get; set; }

    /// <summary>
    /// The bridge VLAN the entry belongs to (NDA_VLAN); <see langword="null"/> adds it without a VLAN,
    /// and a bridge with VLAN support then adds one for its default VLAN as well.
    /// </summary>
    public ushort? Vlan { get; set; }

    /// <summary>The remote's VNI (NDA_VNI), when it differs from the device's; <see langword="null"/> is the device's.</summary>
    public int? Vni { get; set; }

    /// <summary>The remote's UDP port (NDA_PORT), when it differs from the device's; <see langword="null"/> is the device's.</summary>
    public ushort? Port { get; set; }

    /// <summary>
    /// The state; <see cref="NeighborState.None"/> means <see cref="NeighborState.Permanent"/> |
    /// <see cref="NeighborState.NoArp"/>, what <c>bridge fdb add ... permanent</c> sends (a VXLAN device
    /// needs <see cref="NeighborState.Permanent"/> or <see cref="NeighborState.Reachable"/>).
    /// </summary>
    public NeighborState State { get; set; }

    /// <summary>
    /// Where the entry lives: <see cref="NeighborFlags.Self"/> (the device's own table: a VXLAN device,
    /// or the bridge device) or <see cref="NeighborFlags.Master"/> (the bridge a port belongs to);
    /// <see cref="NeighborFlags.None"/> means <see cref="NeighborFlags.Self"/>, as <c>bridge fdb</c> does.
    /// </summary>
    public NeighborFlags Flags { get; set; }
}
