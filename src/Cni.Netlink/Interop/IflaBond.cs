namespace Cni.Netlink.Interop;

/// <summary>A bond's IFLA_INFO_DATA (IFLA_BOND_*, linux/if_link.h).</summary>
internal static class IflaBond
{
    public const ushort Mode = 1;
    public const ushort MiiMon = 3;
    public const ushort UpDelay = 4;
    public const ushort DownDelay = 5;
    public const ushort XmitHashPolicy = 14;
    public const ushort MinLinks = 18;
    public const ushort AdLacpRate = 21;
}
