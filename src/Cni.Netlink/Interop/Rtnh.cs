namespace Cni.Netlink.Interop;

/// <summary>Next hop flags (RTNH_F_*, linux/rtnetlink.h): in rtm_flags for a single-path route, in rtnh_flags per path.</summary>
internal static class Rtnh
{
    public const byte FOnLink = 4;
}
