using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A VRF (virtual routing and forwarding) device to create: the links enslaved to it
/// (<see cref="LinkSpec.MasterIndex"/>, <see cref="NetlinkSocket.SetLinkMaster(int, int)"/>) route
/// by its table instead of the main one.
/// </summary>
/// <param name="name">The VRF's name.</param>
/// <param name="table">The routing table its ports use (IFLA_VRF_TABLE); fixed once created.</param>
public sealed class VrfSpec(string name, uint table) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "vrf";

    /// <summary>The routing table.</summary>
    public uint Table { get; } = table;

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        writer.PutUInt32(IflaVrf.Table, Table);
        return true;
    }
}
