using System.Net;

namespace Cni.Netlink;

/// <summary>One path of a multipath route as the kernel described it (struct rtnexthop and its attributes), read in place: the read side of <see cref="NextHop"/>.</summary>
public readonly ref struct NextHopMessage
{
    internal NextHopMessage(int linkIndex, int weight, byte flags, ReadOnlySpan<byte> gateway)
    {
        LinkIndex = linkIndex;
        Weight = weight;
        Flags = flags;
        GatewayBytes = gateway;
    }

    /// <summary>The output link's index (rtnh_ifindex).</summary>
    public int LinkIndex { get; }

    /// <summary>The path's weight, 1 to 256 (rtnh_hops + 1).</summary>
    public int Weight { get; }

    /// <summary>The kernel's RTNH_F_* flags for the path (1 dead, 4 onlink, 16 link down).</summary>
    public byte Flags { get; }

    /// <summary>Whether the gateway is reached directly on the link, on no subnet of it (RTNH_F_ONLINK).</summary>
    public bool IsOnLink => (Flags & Interop.Rtnh.FOnLink) != 0;

    /// <summary>The gateway (RTA_GATEWAY) in network byte order, empty for a direct path.</summary>
    public ReadOnlySpan<byte> GatewayBytes { get; }

    /// <summary>The gateway (allocates), or <see langword="null"/>.</summary>
    /// <returns>The gateway address.</returns>
    public IPAddress? GetGateway() => GatewayBytes.IsEmpty ? null : new IPAddress(GatewayBytes);
}
