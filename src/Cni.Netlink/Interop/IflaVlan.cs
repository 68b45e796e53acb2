namespace Cni.Netlink.Interop;

/// <summary>A VLAN link's IFLA_INFO_DATA (IFLA_VLAN_*, linux/if_link.h).</summary>
internal static class IflaVlan
{
    public const ushort Id = 1;
    public const ushort Protocol = 5;
}
