namespace Cni.Netlink.Interop;

/// <summary>Qdisc and filter attributes (TCA_*, linux/rtnetlink.h).</summary>
internal static class Tca
{
    public const ushort Kind = 1;
    public const ushort Options = 2;
    public const ushort Stats2 = 7;
}
