using System.Net;
using System.Net.Sockets;

namespace Cni.Plugins.Internal.Announcements;

/// <summary>
/// An unsolicited neighbour advertisement (RFC 4861 4.4, 7.2.6): the ICMPv6 message a raw ICMPv6
/// socket sends to all nodes, with the override flag and the target link-layer address option,
/// so a neighbour that has an entry for the address takes the MAC at once. The checksum stays
/// zero: the kernel computes it for every ICMPv6 socket.
/// </summary>
internal static class NeighborAdvertisement
{
    public const int Length = 32;

    public static int Write(Span<byte> message, ReadOnlySpan<byte> mac, IPAddress target)
    {
        if (mac.Length != 6 || target.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("a neighbour advertisement announces an IPv6 address from a 6-byte MAC");
        }

        message = message[..Length];
        message.Clear();
        message[0] = 136;       // type: neighbour advertisement
        message[4] = 0x20;      // flags: override; not router, not solicited
        target.TryWriteBytes(message[8..], out _);
        message[24] = 2;        // option: target link-layer address
        message[25] = 1;        // its length, in units of 8 bytes
        mac.CopyTo(message[26..]);
        return Length;
    }
}
