namespace Cni.Netlink.Interop;

/// <summary>What a link request's IFLA_EXT_MASK asks for (RTEXT_FILTER_*, linux/rtnetlink.h).</summary>
internal static class RtextFilter
{
    /// <summary>RTEXT_FILTER_BRVLAN_COMPRESSED: a bridge dump lists each port's VLANs, runs of them as ranges.</summary>
    public const uint BrvlanCompressed = 1 << 2;

    /// <summary>RTEXT_FILTER_SKIP_STATS: leave the counters out of link replies (smaller, faster).</summary>
    public const uint SkipStats = 1 << 3;
}
