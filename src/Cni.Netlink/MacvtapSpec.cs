using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A macvtap link to create on a parent link: a macvlan whose packets are also read and written
/// through a character device (<c>/dev/tapN</c>, N being the link's index), as virtual machines use it.
/// </summary>
/// <param name="name">The link's name.</param>
/// <param name="parentIndex">The index of the parent link (IFLA_LINK).</param>
/// <param name="mode">How macvtaps and macvlans on the parent reach each other (IFLA_MACVLAN_MODE).</param>
public sealed class MacvtapSpec(string name, int parentIndex, MacvlanMode mode = MacvlanMode.Bridge) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "macvtap";

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
