using System.Diagnostics;
using System.Net;

namespace Cni.Netlink.Tests;

/// <summary>Notifications from the real kernel: waiting for a link to come up, for IPv6 DAD and for routes, without polling.</summary>
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
    public void Wait_without_a_matching_event_times_out()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        var clock = Stopwatch.StartNew();
        Assert.False(monitor.WaitForLink(_ => true, TimeSpan.FromMilliseconds(200)));
        Assert.InRange(clock.ElapsedMilliseconds, 150, 5000);
    }
}
