using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A macvlan link to create on a parent link: its own MAC address on the parent's wire.</summary>
/// <param name="name">The link's name.</param>
/// <param name="parentIndex">The index of the parent link (IFLA_LINK).</param>
/// <param name="mode">How macvlans on the parent reach each other (IFLA_MACVLAN_MODE).</param>
public sealed class MacvlanSpec(string name, int parentIndex, MacvlanMode mode = MacvlanMode.Bridge) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "macvlan";

    /// <summary>The index of the parent link.</summary>
    public int ParentIndex { get; } = parentIndex;

    /// <summary>The mode.</summary>
    public MacvlanMode Mode { get; } = mode;

    private protected override int ParentLinkIndex => ParentIndex;

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        writer.PutUInt32(IflaMacvlan.Mode, (uint)Mode);
        return true;
    }
}
