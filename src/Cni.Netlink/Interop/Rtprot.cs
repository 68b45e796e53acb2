namespace Cni.Netlink.Interop;

/// <summary>Who installed a route (RTPROT_*, linux/rtnetlink.h).</summary>
internal static class Rtprot
{
    /// <summary>RTPROT_BOOT: what <c>ip route add</c> sets when no protocol is given.</summary>
    public const byte Boot = 3;
}
