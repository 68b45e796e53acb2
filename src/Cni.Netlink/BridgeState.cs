using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A bridge's VLAN settings as the kernel reports them (IFLA_INFO_DATA of a bridge).</summary>
/// <param name="VlanFiltering">Whether the bridge filters by VLAN (IFLA_BR_VLAN_FILTERING).</param>
/// <param name="DefaultPvid">The PVID new ports get (IFLA_BR_VLAN_DEFAULT_PVID); 0 when disabled or when the kernel reports none (built without CONFIG_BRIDGE_VLAN_FILTERING).</param>
public readonly record struct BridgeState(bool VlanFiltering, ushort DefaultPvid)
{
    /// <summary>Reads the IFLA_BR_* attributes of a bridge's IFLA_INFO_DATA.</summary>
    internal static BridgeState Parse(ReadOnlySpan<byte> attributes)
    {
        var filtering = false;
        ushort pvid = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            if (attribute.Type == IflaBr.VlanFiltering)
            {
                filtering = attribute.GetUInt8() != 0;
            }
            else if (attribute.Type == IflaBr.VlanDefaultPvid)
            {
                pvid = attribute.GetUInt16();
            }
        }

        return new BridgeState(filtering, pvid);
    }
}
