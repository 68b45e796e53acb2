namespace Cni.Netlink.Interop;

/// <summary>What happens to a packet after an action (TC_ACT_*, linux/pkt_cls.h).</summary>
internal static class TcAct
{
    /// <summary>The action consumed the packet (a redirect hands it to another device).</summary>
    public const int Stolen = 4;
}
