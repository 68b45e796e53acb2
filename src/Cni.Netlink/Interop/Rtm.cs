namespace Cni.Netlink.Interop;

/// <summary>rtnetlink message types (RTM_*, linux/rtnetlink.h).</summary>
internal static class Rtm
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort SetLink = 19;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewNeigh = 28;
    public const ushort DelNeigh = 29;
    public const ushort GetNeigh = 30;
    public const ushort NewRule = 32;
    public const ushort DelRule = 33;
    public const ushort GetRule = 34;
    public const ushort NewQdisc = 36;
    public const ushort DelQdisc = 37;
    public const ushort GetQdisc = 38;
    public const ushort NewTFilter = 44;
    public const ushort DelTFilter = 45;
    public const ushort GetTFilter = 46;
}
