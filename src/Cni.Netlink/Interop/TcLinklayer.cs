namespace Cni.Netlink.Interop;

/// <summary>The link layer a rate table was computed for (TC_LINKLAYER_*, linux/pkt_sched.h).</summary>
internal static class TcLinklayer
{
    /// <summary>Sizes as they are: no ATM cell rounding. A rate whose link layer is known makes the kernel ignore its rate table.</summary>
    public const byte Ethernet = 1;
}
