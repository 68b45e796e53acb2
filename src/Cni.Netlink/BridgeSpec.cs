using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A Linux bridge to create.</summary>
/// <param name="name">The bridge's name.</param>
public sealed class BridgeSpec(string name) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "bridge";

    /// <summary>Filter by VLAN on the bridge's ports (IFLA_BR_VLAN_FILTERING); <see langword="null"/> leaves the default (off).</summary>
    public bool? VlanFiltering { get; set; }

    /// <summary>The VLAN new ports get as PVID (IFLA_BR_VLAN_DEFAULT_PVID); 0 disables it.</summary>
    public ushort? DefaultPvid { get; set; }

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        if (VlanFiltering is null && DefaultPvid is null)
        {
            return false;
        }

        if (VlanFiltering is { } filtering)
        {
            writer.PutUInt8(IflaBr.VlanFiltering, filtering ? (byte)1 : (byte)0);
        }

        if (DefaultPvid is { } pvid)
        {
            writer.PutUInt16(IflaBr.VlanDefaultPvid, pvid);
        }

        return true;
    }
}
