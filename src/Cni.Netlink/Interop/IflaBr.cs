namespace Cni.Netlink.Interop;

/// <summary>A bridge's IFLA_INFO_DATA (IFLA_BR_*, linux/if_link.h).</summary>
internal static class IflaBr
{
    public const ushort VlanFiltering = 7;
    public const ushort VlanDefaultPvid = 39;
}
