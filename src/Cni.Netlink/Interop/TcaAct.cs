namespace Cni.Netlink.Interop;

/// <summary>One action in a filter's action list (TCA_ACT_*, linux/pkt_cls.h).</summary>
internal static class TcaAct
{
    public const ushort Kind = 1;
    public const ushort Options = 2;
}
