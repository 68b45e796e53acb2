namespace Cni.Netlink.Interop;

/// <summary>Route attributes (RTA_*, linux/rtnetlink.h).</summary>
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
}
