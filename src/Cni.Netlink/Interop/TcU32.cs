namespace Cni.Netlink.Interop;

/// <summary>A u32 selector's flags (TC_U32_*, linux/pkt_cls.h).</summary>
internal static class TcU32
{
    /// <summary>A match ends the search: the filter's actions or class decide.</summary>
    public const byte Terminal = 1;
}
