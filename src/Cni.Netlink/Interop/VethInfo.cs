namespace Cni.Netlink.Interop;

/// <summary>A veth's IFLA_INFO_DATA (VETH_INFO_*, linux/veth.h).</summary>
internal static class VethInfo
{
    /// <summary>VETH_INFO_PEER: an ifinfomsg and the peer's IFLA_* attributes.</summary>
    public const ushort Peer = 1;
}
