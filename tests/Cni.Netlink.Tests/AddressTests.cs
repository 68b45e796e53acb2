using System.Net;
using System.Net.Sockets;

namespace Cni.Netlink.Tests;

/// <summary>Addresses on the real kernel, IPv4 and IPv6, inside namespaces the tests create.</summary>
public class AddressTests
{
    [Fact]
    public void IPv4_address_is_added_listed_replaced_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-a4");
        var address = IPAddress.Parse("10.22.0.5");
        socket.AddAddress(link, address, 16);

        var found = Find(socket, link, AddressFamily.InterNetwork);
        Assert.Equal((address, 16, RouteScope.Universe), (found.Address, found.Prefix, found.Scope));
        Assert.True(found.Flags.HasFlag(AddressFlags.Permanent));
        Assert.Equal("cnit-a4", found.Label);

        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddAddress(link, address, 16)).IsExists);
        socket.ReplaceAddress(link, address, 16);
        Assert.Single(List(socket, link, AddressFamily.InterNetwork));
        var other = IPAddress.Parse("10.23.0.5");
        socket.ReplaceAddress(link, other, 24, scope: RouteScope.Link);
        Assert.Contains(List(socket, link, AddressFamily.InterNetwork), a => a.Address.Equals(other) && a.Scope == RouteScope.Link);
        socket.DeleteAddress(link, other, 24);

        socket.DeleteAddress(link, address, 16);
        Assert.Empty(List(socket, link, AddressFamily.InterNetwork));
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteAddress(link, address, 16)).IsNotFound);
    }

    [Fact]
    public void IPv4_address_is_added_with_its_broadcast_address()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-ab");
        socket.AddAddress(link, IPAddress.Parse("10.22.0.5"), 16, IPAddress.Parse("10.22.255.255"));
        socket.AddAddress(link, IPAddress.Parse("10.23.0.5"), 24);

        var broadcasts = new Dictionary<string, string>();
        foreach (var address in socket.DumpAddresses(AddressFamily.InterNetwork, link))
        {
            broadcasts[address.GetAddress().ToString()] = address.BroadcastBytes.IsEmpty ? "" : new IPAddress(address.BroadcastBytes).ToString();
        }

        Assert.Equal("10.22.255.255", broadcasts["10.22.0.5"]);
        Assert.Equal("", broadcasts["10.23.0.5"]);
        Assert.Throws<ArgumentException>(() => socket.AddAddress(link, IPAddress.Parse("10.24.0.5"), 16, IPAddress.Parse("fd00::ff")));
    }

    [Fact]
    public void IPv6_address_with_nodad_is_usable_at_once()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-a6");
        var address = IPAddress.Parse("fd00:10::5");
        socket.AddAddress(link, address, 64, AddressFlags.NoDad);

        var found = List(socket, link, AddressFamily.InterNetworkV6).Single(a => a.Address.Equals(address));
        Assert.Equal(64, found.Prefix);
        Assert.True(found.Flags.HasFlag(AddressFlags.NoDad));
        Assert.False(found.Flags.HasFlag(AddressFlags.Tentative));

        socket.ReplaceAddress(link, address, 64, AddressFlags.NoDad | AddressFlags.NoPrefixRoute);
        found = List(socket, link, AddressFamily.InterNetworkV6).Single(a => a.Address.Equals(address));
        Assert.True(found.Flags.HasFlag(AddressFlags.NoPrefixRoute));

        socket.DeleteAddress(link, address, 64);
        Assert.DoesNotContain(List(socket, link, AddressFamily.InterNetworkV6), a => a.Address.Equals(address));
    }

    [Fact]
    public void Dump_filters_by_family_and_link()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var first = ns.AddBridge("cnit-f1");
        var second = ns.AddBridge("cnit-f2");
        socket.AddAddress(first, IPAddress.Parse("10.1.0.1"), 24);
        socket.AddAddress(second, IPAddress.Parse("10.2.0.1"), 24);
        socket.AddAddress(second, IPAddress.Parse("fd00:2::1"), 64, AddressFlags.NoDad);

        Assert.Equal([IPAddress.Parse("10.1.0.1")], List(socket, first, AddressFamily.InterNetwork).Select(a => a.Address));
        Assert.Contains(IPAddress.Parse("fd00:2::1"), List(socket, second, AddressFamily.InterNetworkV6).Select(a => a.Address));
        Assert.All(List(socket, second, AddressFamily.Unspecified), a => Assert.Equal(second, a.Link));
    }

    internal static List<(IPAddress Address, int Prefix, RouteScope Scope, AddressFlags Flags, string Label, int Link)> List(NetlinkSocket socket, int link, AddressFamily family)
    {
        var list = new List<(IPAddress, int, RouteScope, AddressFlags, string, int)>();
        foreach (var address in socket.DumpAddresses(family, link))
        {
            list.Add((address.GetAddress(), address.PrefixLength, address.Scope, address.Flags, address.GetLabel(), address.LinkIndex));
        }

        return list;
    }

    private static (IPAddress Address, int Prefix, RouteScope Scope, AddressFlags Flags, string Label, int Link) Find(NetlinkSocket socket, int link, AddressFamily family)
        => Assert.Single(List(socket, link, family));
}
