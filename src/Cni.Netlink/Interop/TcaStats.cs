namespace Cni.Netlink.Interop;

/// <summary>Inside TCA_STATS2 (TCA_STATS_*, linux/gen_stats.h).</summary>
internal static class TcaStats
{
    public const ushort Basic = 1;
    public const ushort Queue = 3;
}
