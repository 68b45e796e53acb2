using System.Net;
using System.Net.Sockets;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A neighbour entry as the kernel described it (RTM_NEWNEIGH), read in place.</summary>
public readonly ref struct NeighborMessage : INetlinkMessage<NeighborMessage>
{
    static ushort INetlinkMessage<NeighborMessage>.MessageType => Rtm.NewNeigh;

    static NeighborMessage INetlinkMessage<NeighborMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private readonly byte _family;

    private NeighborMessage(ndmsg header)
    {
        _family = header.ndm_family;
        LinkIndex = header.ndm_ifindex;
        State = (NeighborState)header.ndm_state;
        Flags = (NeighborFlags)header.ndm_flags;
        Type = (RouteType)header.ndm_type;
    }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily Family => AddressFamilies.FromLinux(_family);

    /// <summary>The link's index (ndm_ifindex).</summary>
    public int LinkIndex { get; }

    /// <summary>The entry's state.</summary>
    public NeighborState State { get; }

    /// <summary>The entry's flags.</summary>
    public NeighborFlags Flags { get; }

    /// <summary>The address type (ndm_type: unicast, multicast, ...).</summary>
    public RouteType Type { get; }

    /// <summary>The IP address (NDA_DST) in network byte order.</summary>
    public ReadOnlySpan<byte> AddressBytes { get; private init; }

    /// <summary>The MAC address (NDA_LLADDR), empty when unresolved.</summary>
    public ReadOnlySpan<byte> HardwareAddress { get; private init; }

    /// <summary>The IP address (allocates).</summary>
    /// <returns>The address.</returns>
    public IPAddress GetAddress() => new(AddressBytes);

    /// <summary>An owned copy of the entry (allocates), to keep after the message's buffer is reused.</summary>
    /// <returns>The copy.</returns>
    public Neighbor ToNeighbor() => new()
    {
        LinkIndex = LinkIndex,
        Address = GetAddress(),
        HardwareAddress = HardwareAddress.ToArray(),
        State = State,
        Flags = Flags,
    };

    internal static NeighborMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out ndmsg header);
        ReadOnlySpan<byte> address = default, hardware = default;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Nda.Dst:
                    address = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Nda.LlAddr:
                    hardware = attribute.Value;
                    break;
            }
        }

        if (address.IsEmpty)
        {
            ThrowHelper.ThrowMalformed("a neighbour message without NDA_DST");
        }

        return new NeighborMessage(header)
        {
            AddressBytes = address,
            HardwareAddress = hardware,
        };
    }
}
