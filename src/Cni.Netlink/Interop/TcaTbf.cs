namespace Cni.Netlink.Interop;

/// <summary>A tbf qdisc's TCA_OPTIONS (TCA_TBF_*, linux/pkt_sched.h).</summary>
internal static class TcaTbf
{
    public const ushort Parms = 1;
    public const ushort Rtab = 2;
    public const ushort Ptab = 3;
    public const ushort Rate64 = 4;
    public const ushort Prate64 = 5;
    public const ushort Burst = 6;
    public const ushort Pburst = 7;
}
