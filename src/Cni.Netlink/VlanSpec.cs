using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>An 802.1Q (or 802.1ad) VLAN link to create on a parent link.</summary>
/// <param name="name">The link's name.</param>
/// <param name="parentIndex">The index of the link it tags traffic on (IFLA_LINK).</param>
/// <param name="vlanId">The VLAN id, 1 to 4094 (IFLA_VLAN_ID).</param>
public sealed class VlanSpec(string name, int parentIndex, ushort vlanId) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "vlan";

    /// <summary>The index of the parent link.</summary>
    public int ParentIndex { get; } = parentIndex;

    /// <summary>The VLAN id.</summary>
    public ushort VlanId { get; } = vlanId;

    /// <summary>The tag's protocol (IFLA_VLAN_PROTOCOL); <see langword="null"/> is 802.1Q.</summary>
    public VlanProtocol? Protocol { get; set; }

    private protected override int ParentLinkIndex => ParentIndex;

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        writer.PutUInt16(IflaVlan.Id, VlanId);
        if (Protocol is { } protocol)
        {
            writer.PutUInt16BigEndian(IflaVlan.Protocol, (ushort)protocol);
        }

        return true;
    }
}
