namespace Cni.Netlink.Interop;

/// <summary>Special handles and parents (TC_H_*, linux/pkt_sched.h).</summary>
internal static class TcH
{
    public const uint Root = 0xFFFFFFFF;

    /// <summary>The parent of the ingress and clsact qdiscs (TC_H_INGRESS, TC_H_CLSACT).</summary>
    public const uint Ingress = 0xFFFFFFF1;

    public const uint MinIngress = 0xFFF2;
    public const uint MinEgress = 0xFFF3;
}
