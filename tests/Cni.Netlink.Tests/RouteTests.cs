using System.Net;
using System.Net.Sockets;

namespace Cni.Netlink.Tests;

/// <summary>Routes on the real kernel, IPv4 and IPv6, inside namespaces the tests create.</summary>
public class RouteTests
{
    [Fact]
    public void IPv4_routes_with_every_setting_are_added_listed_replaced_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-r4");
        socket.AddAddress(link, IPAddress.Parse("10.22.0.5"), 16);

        var route = new Route
        {
            Destination = IPAddress.Parse("192.168.0.0"),
            DestinationPrefixLength = 16,
            Gateway = IPAddress.Parse("10.22.0.1"),
            OutputLinkIndex = link,
            PreferredSource = IPAddress.Parse("10.22.0.5"),
            Table = 100,
            Priority = 50,
            Mtu = 1400,
            AdvertisedMss = 1360,
        };
        socket.AddRoute(route);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddRoute(route)).IsExists);

        var found = Single(socket, AddressFamily.InterNetwork, "192.168.0.0");
        Assert.Equal(16, found.Prefix);
        Assert.Equal(IPAddress.Parse("10.22.0.1"), found.Gateway);
        Assert.Equal(IPAddress.Parse("10.22.0.5"), found.Source);
        Assert.Equal(link, found.Link);
        Assert.Equal(100, found.Table);
        Assert.Equal(50u, found.Priority);
        Assert.Equal(1400u, found.Mtu);
        Assert.Equal(1360u, found.AdvMss);
        Assert.Equal(RouteProtocol.Boot, found.Protocol);
        Assert.Equal(RouteScope.Universe, found.Scope);

        socket.ReplaceRoute(route with { Mtu = 1300, AdvertisedMss = 0 });
        Assert.Equal(1300u, Single(socket, AddressFamily.InterNetwork, "192.168.0.0").Mtu);

        socket.DeleteRoute(new Route { Destination = IPAddress.Parse("192.168.0.0"), DestinationPrefixLength = 16, Table = 100 });
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetwork), r => r.Destination == "192.168.0.0");
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteRoute(route)).IsNotFound);
    }

    [Fact]
    public void IPv4_direct_and_default_routes()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-rd");
        socket.AddAddress(link, IPAddress.Parse("10.30.0.2"), 24);

        socket.AddRoute(new Route { Destination = IPAddress.Parse("10.124.0.1"), DestinationPrefixLength = 32, OutputLinkIndex = link });
        var direct = Single(socket, AddressFamily.InterNetwork, "10.124.0.1");
        Assert.Equal(RouteScope.Link, direct.Scope);
        Assert.Null(direct.Gateway);

        socket.AddRoute(new Route { Gateway = IPAddress.Parse("10.30.0.1") });
        var defaultRoute = Single(socket, AddressFamily.InterNetwork, "0.0.0.0");
        Assert.Equal(0, defaultRoute.Prefix);
        Assert.Equal(link, defaultRoute.Link);
        Assert.Equal(Route.MainTable, defaultRoute.Table);

        socket.DeleteRoute(new Route { Gateway = IPAddress.Parse("10.30.0.1") });
        socket.DeleteRoute(new Route { Destination = IPAddress.Parse("10.124.0.1"), DestinationPrefixLength = 32, OutputLinkIndex = link });
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetwork), r => r.Destination is "10.124.0.1" or "0.0.0.0");
    }

    [Fact]
    public void Unreachable_gateway_is_reported_by_the_kernel()
    {
        using var ns = TestNamespace.Create();
        var ex = Assert.Throws<NetlinkException>(() => ns.Socket.AddRoute(new Route { Gateway = IPAddress.Parse("10.99.0.1") }));
        Assert.Equal("ENETUNREACH", ex.ErrorName);
    }

    [Fact]
    public void Onlink_routes_reach_a_gateway_on_no_subnet_of_their_link_and_read_back_onlink()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var first = ns.AddBridge("cnit-ol0");
        var second = ns.AddBridge("cnit-ol1");
        socket.AddAddress(first, IPAddress.Parse("10.244.1.0"), 32);
        var route = new Route
        {
            Destination = IPAddress.Parse("10.244.2.0"),
            DestinationPrefixLength = 24,
            Gateway = IPAddress.Parse("10.244.2.0"),
            OutputLinkIndex = first,
        };
        Assert.Equal("ENETUNREACH", Assert.Throws<NetlinkException>(() => socket.AddRoute(route)).ErrorName);

        socket.AddRoute(route with { OnLink = true });
        socket.AddRoute(new Route
        {
            Destination = IPAddress.Parse("10.244.3.0"),
            DestinationPrefixLength = 24,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("10.244.3.0"), LinkIndex = first, OnLink = true },
                new() { Gateway = IPAddress.Parse("10.244.3.1"), LinkIndex = second, OnLink = true },
            },
        });

        var seen = new List<(string Destination, bool OnLink, string? Gateway, int Link, string Hops)>();
        foreach (var r in socket.DumpRoutes(AddressFamily.InterNetwork, Route.MainTable))
        {
            var hops = new List<string>();
            foreach (var hop in r.NextHops)
            {
                hops.Add($"{hop.GetGateway()}@{hop.LinkIndex}:{hop.IsOnLink}");
            }

            seen.Add((r.GetDestination() + "/" + r.DestinationPrefixLength, r.IsOnLink, r.GetGateway()?.ToString(), r.OutputLinkIndex, string.Join(' ', hops)));
        }

        Assert.Contains(("10.244.2.0/24", true, (string?)"10.244.2.0", first, ""), seen);
        Assert.Contains(("10.244.3.0/24", false, (string?)null, 0, $"10.244.3.0@{first}:True 10.244.3.1@{second}:True"), seen);
        socket.DeleteRoute(route);
        Assert.DoesNotContain("10.244.2.0/24", List(socket));

        static List<string> List(NetlinkSocket socket)
        {
            var list = new List<string>();
            foreach (var r in socket.DumpRoutes(AddressFamily.InterNetwork, Route.MainTable))
            {
                list.Add(r.GetDestination() + "/" + r.DestinationPrefixLength);
            }

            return list;
        }
    }

    [Fact]
    public void IPv6_routes_through_a_gateway()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-r6");
        socket.AddAddress(link, IPAddress.Parse("fd00:10::5"), 64, AddressFlags.NoDad);

        var route = new Route
        {
            Destination = IPAddress.Parse("fd00:20::"),
            DestinationPrefixLength = 64,
            Gateway = IPAddress.Parse("fd00:10::1"),
            OutputLinkIndex = link,
            Mtu = 1400,
        };
        socket.AddRoute(route);
        var found = Single(socket, AddressFamily.InterNetworkV6, "fd00:20::");
        Assert.Equal(64, found.Prefix);
        Assert.Equal(IPAddress.Parse("fd00:10::1"), found.Gateway);
        Assert.Equal(1024u, found.Priority);
        Assert.Equal(1400u, found.Mtu);

        socket.ReplaceRoute(route with { Gateway = IPAddress.Parse("fd00:10::2") });
        Assert.Equal(IPAddress.Parse("fd00:10::2"), Single(socket, AddressFamily.InterNetworkV6, "fd00:20::").Gateway);

        socket.DeleteRoute(new Route { Destination = IPAddress.Parse("fd00:20::"), DestinationPrefixLength = 64 });
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetworkV6), r => r.Destination == "fd00:20::");
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteRoute(route)).IsNotFound);
    }

    [Fact]
    public void IPv4_and_IPv6_multipath_routes_are_added_listed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var first = ns.AddBridge("cnit-m1");
        var second = ns.AddBridge("cnit-m2");
        socket.AddAddress(first, IPAddress.Parse("10.1.0.1"), 24);
        socket.AddAddress(second, IPAddress.Parse("10.2.0.1"), 24);
        socket.AddAddress(first, IPAddress.Parse("fd00:1::1"), 64, AddressFlags.NoDad);
        socket.AddAddress(second, IPAddress.Parse("fd00:2::1"), 64, AddressFlags.NoDad);

        socket.AddRoute(new Route
        {
            Destination = IPAddress.Parse("10.9.0.0"),
            DestinationPrefixLength = 16,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("10.1.0.2"), LinkIndex = first, Weight = 2 },
                new() { Gateway = IPAddress.Parse("10.2.0.2"), LinkIndex = second },
            },
        });
        Assert.Equal([(first, 2, "10.1.0.2"), (second, 1, "10.2.0.2")], Hops(socket, AddressFamily.InterNetwork, "10.9.0.0"));

        socket.AddRoute(new Route
        {
            Destination = IPAddress.Parse("fd00:9::"),
            DestinationPrefixLength = 64,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("fd00:1::2"), LinkIndex = first },
                new() { Gateway = IPAddress.Parse("fd00:2::2"), LinkIndex = second, Weight = 3 },
            },
        });
        Assert.Equal([(first, 1, "fd00:1::2"), (second, 3, "fd00:2::2")], Hops(socket, AddressFamily.InterNetworkV6, "fd00:9::"));

        socket.DeleteRoute(new Route { Destination = IPAddress.Parse("10.9.0.0"), DestinationPrefixLength = 16 });
        socket.DeleteRoute(new Route { Destination = IPAddress.Parse("fd00:9::"), DestinationPrefixLength = 64 });
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetwork), r => r.Destination == "10.9.0.0");
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetworkV6), r => r.Destination == "fd00:9::");
    }

    [Fact]
    public void Routes_added_alongside_share_a_destination_across_links_and_only_an_identical_one_is_refused()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var first = ns.AddBridge("cnit-a1");
        var second = ns.AddBridge("cnit-a2");
        socket.AddAddress(first, IPAddress.Parse("10.1.0.5"), 24);
        socket.AddAddress(second, IPAddress.Parse("10.2.0.5"), 24);
        socket.AddAddress(first, IPAddress.Parse("fd00:1::5"), 64, AddressFlags.NoDad);
        socket.AddAddress(second, IPAddress.Parse("fd00:2::5"), 64, AddressFlags.NoDad);

        // Two networks' default routes, as a container attached to both gets them.
        var v4First = new Route { Gateway = IPAddress.Parse("10.1.0.1"), OutputLinkIndex = first };
        var v4Second = new Route { Gateway = IPAddress.Parse("10.2.0.1"), OutputLinkIndex = second };
        socket.AddRouteAlongside(v4First);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddRoute(v4Second)).IsExists);
        socket.AddRouteAlongside(v4Second);
        Assert.Equal(
            [("10.1.0.1", first), ("10.2.0.1", second)],
            List(socket, AddressFamily.InterNetwork).Where(r => r.Destination == "0.0.0.0").Select(r => (r.Gateway!.ToString(), r.Link)).Order());
        Assert.True(Assert.Throws<NetlinkException>(() => socket.AddRouteAlongside(v4Second)).IsExists);

        // IPv6 joins gateway routes of one metric into one multipath route.
        socket.AddRouteAlongside(new Route { Destination = IPAddress.IPv6Any, Gateway = IPAddress.Parse("fd00:1::1"), OutputLinkIndex = first });
        socket.AddRouteAlongside(new Route { Destination = IPAddress.IPv6Any, Gateway = IPAddress.Parse("fd00:2::1"), OutputLinkIndex = second });
        Assert.Equal([(first, 1, "fd00:1::1"), (second, 1, "fd00:2::1")], Hops(socket, AddressFamily.InterNetworkV6, "::"));

        socket.DeleteRoute(v4First);
        Assert.Equal(["10.2.0.1"], List(socket, AddressFamily.InterNetwork).Where(r => r.Destination == "0.0.0.0").Select(r => r.Gateway!.ToString()));
    }

    [Fact]
    public void Route_dump_of_one_table_is_filtered_by_the_kernel()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-rt");
        socket.AddAddress(link, IPAddress.Parse("10.40.0.1"), 24);
        socket.AddAddress(link, IPAddress.Parse("fd00:40::1"), 64, AddressFlags.NoDad);
        socket.AddRoute(new Route { Destination = IPAddress.Parse("10.41.0.0"), DestinationPrefixLength = 16, OutputLinkIndex = link, Table = 100 });
        socket.AddRoute(new Route { Destination = IPAddress.Parse("fd00:41::"), DestinationPrefixLength = 64, OutputLinkIndex = link, Table = 100 });
        socket.AddRoute(new Route { Destination = IPAddress.Parse("10.42.0.0"), DestinationPrefixLength = 16, OutputLinkIndex = link, Table = 1000 });

        var table100v4 = List(socket, AddressFamily.InterNetwork, 100);
        Assert.Equal(["10.41.0.0"], table100v4.Select(r => r.Destination));
        Assert.All(table100v4, r => Assert.Equal(100, r.Table));
        Assert.Equal(["10.41.0.0", "fd00:41::"], List(socket, AddressFamily.Unspecified, 100).Select(r => r.Destination).Order(StringComparer.Ordinal));
        Assert.Equal(["10.42.0.0"], List(socket, AddressFamily.Unspecified, 1000).Select(r => r.Destination));
        Assert.Contains(List(socket, AddressFamily.InterNetwork, Route.MainTable), r => r.Destination == "10.40.0.0");
        Assert.DoesNotContain(List(socket, AddressFamily.InterNetwork, Route.MainTable), r => r.Table != Route.MainTable);
        Assert.Empty(List(socket, AddressFamily.InterNetwork, 4242));
        Assert.Empty(List(socket, AddressFamily.Unspecified, 4242));
        Assert.True(List(socket, AddressFamily.InterNetwork).Count > table100v4.Count);
    }

    private static List<(int Link, int Weight, string Gateway)> Hops(NetlinkSocket socket, AddressFamily family, string destination)
    {
        var hops = new List<(int, int, string)>();
        var found = 0;
        foreach (var route in socket.DumpRoutes(family))
        {
            if (route.GetDestination().ToString() == destination)
            {
                found++;
                Assert.True(route.IsMultipath);
                foreach (var hop in route.NextHops)
                {
                    hops.Add((hop.LinkIndex, hop.Weight, hop.GetGateway()!.ToString()));
                }
            }
        }

        Assert.Equal(1, found);
        return hops;
    }

    private static (string Destination, int Prefix, IPAddress? Gateway, IPAddress? Source, int Link, int Table, uint Priority, uint Mtu, uint AdvMss, RouteProtocol Protocol, RouteScope Scope) Single(NetlinkSocket socket, AddressFamily family, string destination)
        => Assert.Single(List(socket, family), r => r.Destination == destination);

    private static List<(string Destination, int Prefix, IPAddress? Gateway, IPAddress? Source, int Link, int Table, uint Priority, uint Mtu, uint AdvMss, RouteProtocol Protocol, RouteScope Scope)> List(NetlinkSocket socket, AddressFamily family, int table = 0)
    {
        var list = new List<(string, int, IPAddress?, IPAddress?, int, int, uint, uint, uint, RouteProtocol, RouteScope)>();
        foreach (var route in socket.DumpRoutes(family, table))
        {
            list.Add((route.GetDestination().ToString(), route.DestinationPrefixLength, route.GetGateway(), route.GetPreferredSource(), route.OutputLinkIndex, route.Table, route.Priority, route.Mtu, route.AdvertisedMss, route.Protocol, route.Scope));
        }

        return list;
    }
}
