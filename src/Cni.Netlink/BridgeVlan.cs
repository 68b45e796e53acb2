namespace Cni.Netlink;

/// <summary>
/// A VLAN, or a range of them, on a bridge port or on the bridge itself
/// (<see cref="NetlinkSocket.AddBridgeVlan"/>), as <c>bridge vlan add dev PORT vid 10 pvid untagged</c>
/// or <c>vid 100-200</c>. A struct, so building one allocates nothing.
/// </summary>
public record struct BridgeVlan
{
    /// <summary>The highest VLAN id (4095 is reserved).</summary>
    public const ushort MaxId = 4094;

    /// <summary>One VLAN.</summary>
    /// <param name="id">The VLAN id, 1 to 4094.</param>
    public BridgeVlan(ushort id)
        : this(id, id)
    {
    }

    /// <summary>A range of VLANs, <paramref name="id"/> to <paramref name="lastId"/> inclusive.</summary>
    /// <param name="id">The first VLAN id.</param>
    /// <param name="lastId">The last VLAN id.</param>
    public BridgeVlan(ushort id, ushort lastId)
    {
        Id = id;
        LastId = lastId;
    }

    /// <summary>The VLAN id, or the first of the range.</summary>
    public ushort Id { get; set; }

    /// <summary>The last VLAN id of the range; equal to <see cref="Id"/> for one VLAN.</summary>
    public ushort LastId { get; set; }

    /// <summary>Whether this is a range of more than one VLAN.</summary>
    public readonly bool IsRange => LastId != Id;

    /// <summary>Untagged frames arriving on the port belong to this VLAN (BRIDGE_VLAN_INFO_PVID); one VLAN only, not a range.</summary>
    public bool Pvid { get; set; }

    /// <summary>Frames of this VLAN leave the port untagged (BRIDGE_VLAN_INFO_UNTAGGED).</summary>
    public bool Untagged { get; set; }
}
