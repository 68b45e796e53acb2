namespace Cni.Netlink.Interop;

/// <summary>Route metrics nested in RTA_METRICS (RTAX_*, linux/rtnetlink.h).</summary>
internal static class Rtax
{
    public const ushort Mtu = 2;
    public const ushort AdvMss = 8;
}
