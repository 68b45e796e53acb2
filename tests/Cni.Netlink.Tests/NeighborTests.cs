using System.Net;
using System.Net.Sockets;

namespace Cni.Netlink.Tests;

/// <summary>Neighbour entries (ARP and NDP) on the real kernel, inside namespaces the tests create.</summary>
public class NeighborTests
{
    private static readonly byte[] FirstMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];
    private static readonly byte[] SecondMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x03];

    [Fact]
    public void IPv4_and_IPv6_neighbors_are_added_replaced_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-n0");
        var other = ns.AddBridge("cnit-n1");
        socket.AddAddress(link, IPAddress.Parse("10.50.0.1"), 24);
        socket.AddAddress(other, IPAddress.Parse("10.51.0.1"), 24);
        socket.AddAddress(link, IPAddress.Parse("fd00:50::1"), 64, AddressFlags.NoDad);

        var v4 = new Neighbor { LinkIndex = link, Address = IPAddress.Parse("10.50.0.2"), HardwareAddress = FirstMac };
        socket.AddNeighbor(v4);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddNeighbor(v4)).IsExists);
        socket.AddNeighbor(new Neighbor { LinkIndex = other, Address = IPAddress.Parse("10.51.0.2"), HardwareAddress = SecondMac });

        var found = Assert.Single(List(socket, AddressFamily.InterNetwork, link));
        Assert.Equal(("10.50.0.2", link, NeighborState.Permanent, NeighborFlags.None, Convert.ToHexString(FirstMac)), found);

        socket.ReplaceNeighbor(v4 with { HardwareAddress = SecondMac });
        Assert.Equal(Convert.ToHexString(SecondMac), Assert.Single(List(socket, AddressFamily.InterNetwork, link)).Mac);

        socket.AddNeighbor(new Neighbor { LinkIndex = link, Address = IPAddress.Parse("fd00:50::2"), HardwareAddress = FirstMac, Flags = NeighborFlags.Router });
        var v6 = Assert.Single(List(socket, AddressFamily.InterNetworkV6, link), n => n.Address == "fd00:50::2");
        Assert.Equal(NeighborFlags.Router, v6.Flags);
        Assert.Equal(NeighborState.Permanent, v6.State);

        var both = List(socket, AddressFamily.Unspecified, link);
        Assert.Contains(both, n => n.Address == "10.50.0.2");
        Assert.Contains(both, n => n.Address == "fd00:50::2");
        Assert.DoesNotContain(both, n => n.Address == "10.51.0.2");
        Assert.Contains(List(socket, AddressFamily.InterNetwork, 0), n => n.Address == "10.51.0.2");

        socket.DeleteNeighbor(new Neighbor { LinkIndex = link, Address = IPAddress.Parse("10.50.0.2") });
        socket.DeleteNeighbor(new Neighbor { LinkIndex = link, Address = IPAddress.Parse("fd00:50::2") });
        Assert.DoesNotContain(List(socket, AddressFamily.Unspecified, link), n => n.Address is "10.50.0.2" or "fd00:50::2");
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteNeighbor(v4)).IsNotFound);
    }

    private static List<(string Address, int Link, NeighborState State, NeighborFlags Flags, string Mac)> List(NetlinkSocket socket, AddressFamily family, int link)
    {
        var list = new List<(string, int, NeighborState, NeighborFlags, string)>();
        foreach (var neighbor in socket.DumpNeighbors(family, link))
        {
            // The kernel keeps NOARP entries of its own (multicast, the link's addresses): only entries with a MAC the test set.
            if (neighbor.State != NeighborState.NoArp)
            {
                list.Add((neighbor.GetAddress().ToString(), neighbor.LinkIndex, neighbor.State, neighbor.Flags, Convert.ToHexString(neighbor.HardwareAddress)));
            }
        }

        return list;
    }
}
