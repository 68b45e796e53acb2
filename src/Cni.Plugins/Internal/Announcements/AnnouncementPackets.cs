using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Cni.Plugins.Internal.Announcements;

/// <summary>
/// The packets that announce an address on a link, written as a packet socket of type SOCK_DGRAM
/// sends them (the kernel adds the Ethernet header): a gratuitous ARP request (RFC 5227 2.4, as the
/// kernel's arp_notify sends it) and an unsolicited neighbour advertisement with the override flag
/// (RFC 4861 7.2.6). A neighbour that has an entry for the address takes the new MAC at once.
/// </summary>
internal static class AnnouncementPackets
{
    public const ushort EtherTypeArp = 0x0806;
    public const ushort EtherTypeIPv6 = 0x86DD;
    public const int ArpLength = 28;
    public const int NeighborAdvertisementLength = 40 + 32;

    /// <summary>The link-layer destination of each: broadcast, and the all-nodes multicast group's MAC.</summary>
    public static ReadOnlySpan<byte> Broadcast => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    public static ReadOnlySpan<byte> AllNodesMac => [0x33, 0x33, 0x00, 0x00, 0x00, 0x01];

    private static ReadOnlySpan<byte> AllNodes => [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01];

    /// <summary>ARP request, sender and target the announced address, target MAC zero.</summary>
    public static int WriteGratuitousArp(Span<byte> packet, ReadOnlySpan<byte> mac, IPAddress address)
    {
        if (mac.Length != 6 || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("a gratuitous ARP announces an IPv4 address from a 6-byte MAC");
        }

        packet = packet[..ArpLength];
        packet.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(packet, 1);                  // hardware type: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 0x0800);        // protocol type: IPv4
        packet[4] = 6;
        packet[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], 1);             // operation: request
        mac.CopyTo(packet[8..]);
        address.TryWriteBytes(packet[14..], out _);
        address.TryWriteBytes(packet[24..], out _);
        return ArpLength;
    }

    /// <summary>IPv6 header and ICMPv6 neighbour advertisement to all nodes: override set, solicited and router not, with the target link-layer address option.</summary>
    public static int WriteUnsolicitedNeighborAdvertisement(Span<byte> packet, ReadOnlySpan<byte> mac, IPAddress address)
    {
        if (mac.Length != 6 || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("a neighbour advertisement announces an IPv6 address from a 6-byte MAC");
        }

        packet = packet[..NeighborAdvertisementLength];
        packet.Clear();
        var icmp = packet[40..];
        BinaryPrimitives.WriteUInt32BigEndian(packet, 0x6000_0000);        // version 6
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], (ushort)icmp.Length);
        packet[6] = 58;                                                    // next header: ICMPv6
        packet[7] = 255;                                                   // hop limit: receivers drop anything else
        address.TryWriteBytes(packet[8..], out _);
        AllNodes.CopyTo(packet[24..]);

        icmp[0] = 136;                                                     // neighbour advertisement
        icmp[4] = 0x20;                                                    // override
        address.TryWriteBytes(icmp[8..], out _);
        icmp[24] = 2;                                                      // option: target link-layer address
        icmp[25] = 1;                                                      // its length, in 8 bytes
        mac.CopyTo(icmp[26..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(packet[8..24], packet[24..40], icmp));
        return NeighborAdvertisementLength;
    }

    // The Internet checksum over the IPv6 pseudo-header (source, destination, length, next header) and the message.
    private static ushort Checksum(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> message)
    {
        uint sum = 0;
        Add(ref sum, source);
        Add(ref sum, destination);
        sum += (uint)message.Length;
        sum += 58;
        Add(ref sum, message);
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;

        static void Add(ref uint sum, ReadOnlySpan<byte> bytes)
        {
            for (var i = 0; i + 1 < bytes.Length; i += 2)
            {
                sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
            }

            if (bytes.Length % 2 == 1)
            {
                sum += (uint)bytes[^1] << 8;
            }
        }
    }
}
