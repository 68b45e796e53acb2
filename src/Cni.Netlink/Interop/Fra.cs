namespace Cni.Netlink.Interop;

/// <summary>Rule attributes (FRA_*, linux/fib_rules.h).</summary>
internal static class Fra
{
    public const ushort Dst = 1;
    public const ushort Src = 2;
    public const ushort IifName = 3;
    public const ushort Priority = 6;
    public const ushort FwMark = 10;
    public const ushort Table = 15;
    public const ushort FwMask = 16;
    public const ushort OifName = 17;
}
