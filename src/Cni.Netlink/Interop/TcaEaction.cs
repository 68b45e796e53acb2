namespace Cni.Netlink.Interop;

/// <summary>What a mirred action does with the packet (<c>eaction</c> of <see cref="tc_mirred"/>: TCA_EGRESS_REDIR, ..., linux/tc_act/tc_mirred.h).</summary>
internal static class TcaEaction
{
    public const int EgressRedir = 1;
}
