namespace Cni.Netlink.Interop;

/// <summary>A bridge port's flags in IFLA_PROTINFO or IFLA_INFO_SLAVE_DATA (IFLA_BRPORT_*, linux/if_link.h).</summary>
internal static class IflaBrport
{
    public const ushort Mode = 4;
    public const ushort Learning = 8;
    public const ushort UnicastFlood = 9;
    public const ushort Isolated = 33;
}
