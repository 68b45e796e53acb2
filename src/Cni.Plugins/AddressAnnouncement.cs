using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Cni.Netlink;
using Cni.Plugins.Internal.Announcements;
using Cni.Plugins.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Plugins;

/// <summary>
/// Tells a link's neighbours that its addresses are at its MAC now: a gratuitous ARP for each IPv4
/// address, an unsolicited neighbour advertisement with the override flag for each IPv6 one. When
/// an address is reused (one container's DEL, another's ADD with the same address and a new MAC),
/// a neighbour that still has the old MAC for it replaces it at once, instead of sending to a MAC
/// that is gone until its entry goes stale (tens of seconds). The reference only sets arp_notify,
/// and the kernel announces when the link's carrier comes up, which may be before the addresses
/// are there.
/// </summary>
public static class AddressAnnouncement
{
    /// <summary>
    /// Announces each address from the link, from inside its namespace. Call it once the link is
    /// up, has the addresses, and (on a bridge) its port forwards. An IPv6 address still tentative
    /// (duplicate address detection running) is not announced: it is not the link's yet.
    /// </summary>
    /// <param name="container">The namespace the link is in.</param>
    /// <param name="linkIndex">The link.</param>
    /// <param name="addresses">The addresses to announce.</param>
    /// <exception cref="CniException">The link is gone, or the kernel refused to send.</exception>
    public static void Send(ContainerNamespace container, int linkIndex, IEnumerable<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(addresses);
        var link = new LinkInfo();
        if (!container.Socket.TryGetLink(linkIndex, link))
        {
            throw new CniException($"failed to announce addresses: link {linkIndex} not found");
        }

        var tentative = Tentative(container.Socket, linkIndex);
        var announced = addresses.Where(a => !tentative.Contains(a)).ToArray();
        if (announced.Length == 0)
        {
            return;
        }

        var mac = link.HardwareAddress.ToArray();
        container.Handle.Run(() => SendFromHere(linkIndex, mac, announced));
    }

    private static HashSet<IPAddress> Tentative(NetlinkSocket socket, int linkIndex)
    {
        var tentative = new HashSet<IPAddress>();
        foreach (var address in socket.DumpAddresses(AddressFamily.InterNetworkV6, linkIndex))
        {
            if ((address.Flags & AddressFlags.Tentative) != 0)
            {
                tentative.Add(address.GetAddress());
            }
        }

        return tentative;
    }

    // Runs in the link's namespace: a packet socket opened here sends on its links.
    private static void SendFromHere(int linkIndex, byte[] mac, IPAddress[] addresses)
    {
        var fd = Libc.Socket(Libc.AfPacket, Libc.SockDgram | Libc.SockCloexec, 0);
        if (fd < 0)
        {
            ThrowFailed("open a packet socket", Marshal.GetLastPInvokeError());
        }

        using var socket = new SafeFileHandle(fd, ownsHandle: true);
        Span<byte> packet = stackalloc byte[AnnouncementPackets.NeighborAdvertisementLength];
        foreach (var address in addresses)
        {
            var ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
            var length = ipv4
                ? AnnouncementPackets.WriteGratuitousArp(packet, mac, address)
                : AnnouncementPackets.WriteUnsolicitedNeighborAdvertisement(packet, mac, address);
            Send(socket, linkIndex, ipv4 ? AnnouncementPackets.EtherTypeArp : AnnouncementPackets.EtherTypeIPv6, ipv4 ? AnnouncementPackets.Broadcast : AnnouncementPackets.AllNodesMac, packet[..length], address);
        }
    }

    private static unsafe void Send(SafeFileHandle socket, int linkIndex, ushort etherType, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> packet, IPAddress address)
    {
        var target = new sockaddr_ll
        {
            sll_family = Libc.AfPacket,
            sll_protocol = (ushort)IPAddress.HostToNetworkOrder((short)etherType),
            sll_ifindex = linkIndex,
            sll_halen = (byte)destination.Length,
        };
        destination.CopyTo(new Span<byte>(target.sll_addr, 8));
        fixed (byte* bytes = packet)
        {
            if (Libc.SendTo(socket, bytes, (nuint)packet.Length, 0, &target, sizeof(sockaddr_ll)) < 0)
            {
                ThrowFailed($"announce {address}", Marshal.GetLastPInvokeError());
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowFailed(string what, int errno)
        => throw new CniException($"failed to {what}: {KernelError.Text(errno)}");
}
