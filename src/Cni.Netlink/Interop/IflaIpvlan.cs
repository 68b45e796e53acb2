namespace Cni.Netlink.Interop;

/// <summary>An ipvlan link's IFLA_INFO_DATA (IFLA_IPVLAN_*, linux/if_link.h).</summary>
internal static class IflaIpvlan
{
    public const ushort Mode = 1;
    public const ushort Flags = 2;
}
