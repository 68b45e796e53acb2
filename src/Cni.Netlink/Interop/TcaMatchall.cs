namespace Cni.Netlink.Interop;

/// <summary>A matchall filter's TCA_OPTIONS (TCA_MATCHALL_*, linux/pkt_cls.h).</summary>
internal static class TcaMatchall
{
    public const ushort Act = 2;
}
