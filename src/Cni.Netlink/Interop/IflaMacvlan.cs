namespace Cni.Netlink.Interop;

/// <summary>A macvlan link's IFLA_INFO_DATA (IFLA_MACVLAN_*, linux/if_link.h).</summary>
internal static class IflaMacvlan
{
    public const ushort Mode = 1;
}
