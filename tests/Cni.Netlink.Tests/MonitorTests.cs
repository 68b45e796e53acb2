using System.Diagnostics;
using System.Net;

namespace Cni.Netlink.Tests;

/// <summary>Notifications from the real kernel: waiting for a link to come up, for IPv6 DAD, for routes, neighbours and FDB entries, without polling.</summary>
public class MonitorTests
{
    [Fact]
    public void Link_going_up_is_seen_as_an_event()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-ev-a", "cnit-ev-b"));
        var a = ns.Socket.GetLink("cnit-ev-a").Index;
        var b = ns.Socket.GetLink("cnit-ev-b").Index;

        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        ns.Socket.SetLinkUp(a);
        Assert.NotEqual(OperationalState.Up, ns.Socket.GetLink(a).OperationalState);

        // The veth has carrier once its peer is up too.
        ns.Socket.SetLinkUp(b);
        Assert.True(monitor.WaitForLink(l => l.Index == a && l.OperationalState == OperationalState.Up, TimeSpan.FromSeconds(10)));
        Assert.Equal(OperationalState.Up, ns.Socket.GetLink(a).OperationalState);
    }

    [Fact]
    public void IPv6_duplicate_address_detection_ending_is_seen_as_an_event()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-dad-a", "cnit-dad-b"));
        var a = ns.Socket.GetLink("cnit-dad-a").Index;
        var b = ns.Socket.GetLink("cnit-dad-b").Index;
        ns.Socket.SetLinkUp(a);
        ns.Socket.SetLinkUp(b);

        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv6Address);
        var address = IPAddress.Parse("fd00:dad::1");
        ns.Socket.AddAddress(a, address, 64);
        Assert.True(monitor.WaitForAddress(
            m => m.LinkIndex == a && m.GetAddress().Equals(address) && (m.Flags & AddressFlags.Tentative) == 0,
            TimeSpan.FromSeconds(15)));
        Assert.Contains(AddressTests.List(ns.Socket, a, System.Net.Sockets.AddressFamily.InterNetworkV6), x => x.Address.Equals(address) && !x.Flags.HasFlag(AddressFlags.Tentative));
    }

    [Fact]
    public void Routes_added_and_deleted_are_seen_as_events_and_a_deletion_is_not_an_addition()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-rev");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Route);
        var route = new Route
        {
            Destination = IPAddress.Parse("10.244.9.0"),
            DestinationPrefixLength = 24,
            Gateway = IPAddress.Parse("10.244.9.0"),
            OutputLinkIndex = link,
            OnLink = true,
            Protocol = (RouteProtocol)77,
        };

        ns.Socket.AddRoute(route);
        Assert.True(monitor.WaitForRoute(r => r.Protocol == route.Protocol && r.IsOnLink && r.GetDestination().Equals(route.Destination), TimeSpan.FromSeconds(5)));

        ns.Socket.DeleteRoute(route);
        Assert.False(monitor.WaitForRoute(r => r.Protocol == route.Protocol, TimeSpan.FromMilliseconds(200)));
        ns.Socket.AddRoute(route);
        ns.Socket.DeleteRoute(route);
        Assert.True(monitor.WaitForRouteDeletion(r => r.Protocol == route.Protocol && r.OutputLinkIndex == link, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Neighbor_and_fdb_entries_added_and_deleted_are_seen_as_events_each_of_its_kind()
    {
        using var ns = TestNamespace.Create();
        var underlay = ns.AddBridge("cnit-nev");
        ns.Socket.AddAddress(underlay, IPAddress.Parse("10.57.0.1"), 24);
        ns.Socket.AddLink(new VxlanSpec("cnit-nevx", 5) { Local = IPAddress.Parse("10.57.0.1"), UnderlayIndex = underlay, Learning = false, Up = true });
        var vxlan = ns.Socket.GetLink("cnit-nevx").Index;
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Neighbor);
        byte[] mac = [0x02, 0, 0, 0, 0x57, 0x02];
        var fdb = new FdbEntry { LinkIndex = vxlan, HardwareAddress = mac, Destination = IPAddress.Parse("10.57.0.2") };
        var neighbor = new Neighbor { LinkIndex = underlay, Address = IPAddress.Parse("10.57.0.2"), HardwareAddress = mac };

        // An FDB entry first: the neighbour wait reads past it (it has no IP address to read) and sees the neighbour.
        ns.Socket.AddFdbEntry(fdb);
        ns.Socket.AddNeighbor(neighbor);
        Assert.True(monitor.WaitForNeighbor(n => n.LinkIndex == underlay && n.GetAddress().Equals(neighbor.Address), TimeSpan.FromSeconds(5)));

        ns.Socket.AddFdbEntry(fdb with { HardwareAddress = new byte[] { 0x02, 0, 0, 0, 0x57, 0x03 } });
        Assert.True(monitor.WaitForFdbEntry(e => e.LinkIndex == vxlan && e.HardwareAddress[5] == 0x03 && "10.57.0.2".Equals(e.GetDestination()?.ToString(), StringComparison.Ordinal), TimeSpan.FromSeconds(5)));

        ns.Socket.DeleteNeighbor(neighbor);
        ns.Socket.DeleteFdbEntry(fdb);
        Assert.True(monitor.WaitForFdbEntryDeletion(e => e.LinkIndex == vxlan && e.HardwareAddress[5] == 0x02, TimeSpan.FromSeconds(5)));
        ns.Socket.AddNeighbor(neighbor);
        ns.Socket.DeleteNeighbor(neighbor);
        Assert.True(monitor.WaitForNeighborDeletion(n => n.GetAddress().Equals(neighbor.Address), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Rules_added_and_deleted_are_seen_as_events_of_both_families_and_a_deletion_is_not_an_addition()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Rule | NetlinkGroups.IPv6Rule);
        var v4 = new Rule { Source = IPAddress.Parse("10.61.0.5"), SourcePrefixLength = 32, Table = 100, Priority = 1100 };
        var v6 = new Rule { Destination = IPAddress.Parse("fd00:61::"), DestinationPrefixLength = 64, Table = 101, Priority = 1101 };

        ns.Socket.AddRule(v4);
        Assert.True(monitor.WaitForRule(r => r.Priority == 1100 && r.Table == 100 && r.GetSource()!.Equals(v4.Source), TimeSpan.FromSeconds(5)));
        ns.Socket.AddRule(v6);
        Assert.True(monitor.WaitForRule(
            r => r.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 && r.Priority == 1101 && r.DestinationPrefixLength == 64,
            TimeSpan.FromSeconds(5)));

        ns.Socket.DeleteRule(v4);
        Assert.False(monitor.WaitForRule(r => r.Priority == 1100, TimeSpan.FromMilliseconds(200)));
        ns.Socket.AddRule(v4);
        ns.Socket.DeleteRule(v4);
        ns.Socket.DeleteRule(v6);
        Assert.True(monitor.WaitForRuleDeletion(r => r.Priority == 1100, TimeSpan.FromSeconds(5)));
        Assert.True(monitor.WaitForRuleDeletion(r => r.Priority == 1101 && r.Table == 101, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Wait_without_a_matching_event_times_out()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        var clock = Stopwatch.StartNew();
        Assert.False(monitor.WaitForLink(_ => true, TimeSpan.FromMilliseconds(200)));
        Assert.InRange(clock.ElapsedMilliseconds, 150, 5000);
    }
}
