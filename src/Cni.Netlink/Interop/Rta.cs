namespace Cni.Netlink.Interop;

/// <summary>Route attributes (RTA_*, linux/rtnetlink.h) and metrics (RTAX_*).</summary>
internal static class Rta
{
    public const ushort Dst = 1;
    public const ushort Src = 2;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort Priority = 6;
    public const ushort PrefSrc = 7;
    public const ushort Metrics = 8;
    public const ushort Multipath = 9;
    public const ushort Table = 15;

    public const ushort RtaxMtu = 2;
    public const ushort RtaxAdvMss = 8;

    public const byte RtTableUnspec = 0;
    public const byte RtTableMain = 254;
    public const byte RtprotBoot = 3;
}
