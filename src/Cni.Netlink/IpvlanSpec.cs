using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>An ipvlan link to create on a parent link: the parent's MAC address, its own IP addresses.</summary>
/// <param name="name">The link's name.</param>
/// <param name="parentIndex">The index of the parent link (IFLA_LINK).</param>
/// <param name="mode">The layer it switches at (IFLA_IPVLAN_MODE).</param>
public sealed class IpvlanSpec(string name, int parentIndex, IpvlanMode mode = IpvlanMode.L2) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "ipvlan";

    /// <summary>The index of the parent link.</summary>
    public int ParentIndex { get; } = parentIndex;

    /// <summary>The mode.</summary>
    public IpvlanMode Mode { get; } = mode;

    /// <summary>How ipvlans on the parent reach each other (IFLA_IPVLAN_FLAGS).</summary>
    public IpvlanIsolation Isolation { get; set; }

    private protected override int ParentLinkIndex => ParentIndex;

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        writer.PutUInt16(IflaIpvlan.Mode, (ushort)Mode);
        writer.PutUInt16(IflaIpvlan.Flags, (ushort)Isolation);
        return true;
    }
}
