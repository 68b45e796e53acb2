namespace Cni.Netlink.Interop;

/// <summary>A u32 filter's TCA_OPTIONS (TCA_U32_*, linux/pkt_cls.h).</summary>
internal static class TcaU32
{
    public const ushort Sel = 5;
    public const ushort Act = 7;
}
