using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Cni.Netlink;
using Cni.Plugins.Internal.Announcements;
using Cni.Plugins.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Plugins;

/// <summary>
/// Tells a link's neighbours that its addresses are at its MAC now. When an address is reused
/// (one container's DEL, another's ADD with the same address and a new MAC), a neighbour that still
/// has the old MAC for it replaces it at once, instead of sending to a MAC that is gone until its
/// entry goes stale (15 to 45 s). The reference only sets arp_notify, and the kernel announces
/// when the link comes up, before the addresses are there or the bridge port forwards.
/// </summary>
/// <remarks>
/// IPv4: the kernel itself sends the gratuitous ARP (a request from the address for the address),
/// by resolving the link's own address once (a neighbour entry with NTF_USE, deleted again at
/// once). IPv6: an unsolicited neighbour advertisement with the override flag, from a raw ICMPv6
/// socket. No packet socket: closing one waits for an RCU grace period, about 8 ms here.
/// </remarks>
public static class AddressAnnouncement
{
    /// <summary>
    /// Announces each address from the link. Call it once the link is up, has the addresses, and
    /// (on a bridge) its port forwards. An IPv6 address still tentative (duplicate address
    /// detection running) is not announced: it is not the link's yet.
    /// </summary>
    /// <param name="container">The namespace the link is in.</param>
    /// <param name="linkIndex">The link.</param>
    /// <param name="addresses">The addresses to announce, each one of the link's.</param>
    /// <exception cref="CniException">The link is gone, or the kernel refused.</exception>
    public static void Send(ContainerNamespace container, int linkIndex, IEnumerable<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(addresses);
        var link = new LinkInfo();
        if (!container.Socket.TryGetLink(linkIndex, link))
        {
            throw new CniException($"failed to announce addresses: link {linkIndex} not found");
        }

        var ipv6 = new List<IPAddress>();
        foreach (var address in addresses)
        {
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                AnnounceIPv4(container.Socket, linkIndex, address);
            }
            else
            {
                ipv6.Add(address);
            }
        }

        if (ipv6.Count == 0)
        {
            return;
        }

        // Only IPv6 needs the address flags: an IPv4-only ADD makes no dump.
        ipv6.RemoveAll(Tentative(container.Socket, linkIndex).Contains);
        if (ipv6.Count > 0)
        {
            var mac = link.HardwareAddress.ToArray();
            container.Handle.Run(() => AdvertiseFromHere(linkIndex, mac, ipv6));
        }
    }

    // Resolving the link's own address makes the kernel broadcast "who has A? tell A" from the
    // link's MAC: a gratuitous ARP, which neighbours take even for an entry they just updated.
    private static void AnnounceIPv4(NetlinkSocket socket, int linkIndex, IPAddress address)
    {
        var self = new Neighbor { LinkIndex = linkIndex, Address = address, Flags = NeighborFlags.Use };
        try
        {
            socket.ReplaceNeighbor(self);
            socket.DeleteNeighbor(self);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to announce {address}: {KernelError.Text(e)}", e);
        }
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

    // Runs in the link's namespace: a socket opened here sends on its links. Each advertisement
    // leaves from its own address, with hop limit 255 (receivers drop anything else).
    private static unsafe void AdvertiseFromHere(int linkIndex, byte[] mac, List<IPAddress> addresses)
    {
        Span<byte> message = stackalloc byte[NeighborAdvertisement.Length];
        foreach (var address in addresses)
        {
            var fd = Libc.Socket(Libc.AfInet6, Libc.SockRaw | Libc.SockCloexec, Libc.IPProtoIcmpV6);
            if (fd < 0)
            {
                ThrowFailed(address, Marshal.GetLastPInvokeError());
            }

            using var socket = new SafeFileHandle(fd, ownsHandle: true);
            var source = SocketAddress(address, 0);
            var allNodes = SocketAddress(IPAddress.Parse("ff02::1"), (uint)linkIndex);
            int hops = 255, index = linkIndex;
            NeighborAdvertisement.Write(message, mac, address);
            fixed (byte* bytes = message)
            {
                if (Libc.Bind(socket, &source, sizeof(sockaddr_in6)) < 0
                    || Libc.SetSockOpt(socket, Libc.IPProtoIPv6, Libc.IPv6MulticastHops, &hops, sizeof(int)) < 0
                    || Libc.SetSockOpt(socket, Libc.IPProtoIPv6, Libc.IPv6MulticastInterface, &index, sizeof(int)) < 0
                    || Libc.SendTo(socket, bytes, (nuint)message.Length, 0, &allNodes, sizeof(sockaddr_in6)) < 0)
                {
                    ThrowFailed(address, Marshal.GetLastPInvokeError());
                }
            }
        }
    }

    private static unsafe sockaddr_in6 SocketAddress(IPAddress address, uint scope)
    {
        var value = new sockaddr_in6 { sin6_family = Libc.AfInet6, sin6_scope_id = scope };
        address.TryWriteBytes(new Span<byte>(value.sin6_addr, 16), out _);
        return value;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowFailed(IPAddress address, int errno)
        => throw new CniException($"failed to announce {address}: {KernelError.Text(errno)}");
}
