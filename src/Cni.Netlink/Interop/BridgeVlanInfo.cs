namespace Cni.Netlink.Interop;

/// <summary>The flags of a <see cref="bridge_vlan_info"/> (BRIDGE_VLAN_INFO_*, linux/if_bridge.h).</summary>
internal static class BridgeVlanInfo
{
    public const ushort Pvid = 1 << 1;
    public const ushort Untagged = 1 << 2;
    public const ushort RangeBegin = 1 << 3;
    public const ushort RangeEnd = 1 << 4;
}
