using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cni.Netlink.Tests;

/// <summary>
/// <see cref="NetlinkMonitor.ReadEventsAsync"/> on the real kernel: every kind of object seen
/// added and deleted as an owned copy, the stream's end by cancellation and by Dispose, one reader
/// at a time, and lost events (ENOBUFS) surfacing as <see cref="NetlinkEventsLost"/>.
/// </summary>
public sealed class EventStreamTests : IDisposable
{
    private static readonly TimeSpan s_eventTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Ends a stream that waits too long, so a missing event fails the test instead of hanging it.</summary>
    private readonly CancellationTokenSource _streamTimeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public EventStreamTests() => _streamTimeout.CancelAfter(TimeSpan.FromSeconds(30));

    public void Dispose() => _streamTimeout.Dispose();

    [Fact]
    public async Task Links_created_and_deleted_are_streamed_as_owned_link_infos()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        await using var events = Read(monitor);

        ns.Socket.AddLink(new BridgeSpec("cnit-sl") { Mtu = 1400 });
        var index = ns.Socket.GetLink("cnit-sl").Index;
        var added = await NextAsync<LinkInfo>(events, e => e.Value.Name == "cnit-sl");
        Assert.Equal((NetlinkChange.New, index, "bridge", 1400), (added.Change, added.Value.Index, added.Value.Kind, added.Value.Mtu));

        ns.Socket.DeleteLink(index);
        var deleted = await NextAsync<LinkInfo>(events, e => e.Change == NetlinkChange.Deleted);
        Assert.Equal((index, "cnit-sl"), (deleted.Value.Index, deleted.Value.Name));

        // The first event's copy is its own: reading on did not overwrite it.
        Assert.Equal((NetlinkChange.New, "cnit-sl", 1400), (added.Change, added.Value.Name, added.Value.Mtu));
    }

    [Fact]
    public async Task A_port_leaving_its_bridge_is_a_change_of_the_link_not_its_deletion()
    {
        using var ns = TestNamespace.Create();
        var bridge = ns.AddBridge("cnit-sb");
        ns.Socket.AddLink(new VethSpec("cnit-sbp", "cnit-sbq"));
        var port = ns.Socket.GetLink("cnit-sbp").Index;
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        await using var events = Read(monitor);

        // The kernel also sends RTM_NEWLINK and RTM_DELLINK on AF_BRIDGE for a port joining and leaving.
        ns.Socket.SetLinkMaster(port, bridge);
        var joined = await NextAsync<LinkInfo>(events, e => e.Value.Index == port && e.Value.MasterIndex == bridge);
        Assert.Equal(NetlinkChange.New, joined.Change);
        ns.Socket.SetLinkNoMaster(port);
        var left = await NextAsync<LinkInfo>(events, e => e.Value.Index == port && (e.Change == NetlinkChange.Deleted || e.Value.MasterIndex == 0));
        Assert.Equal((NetlinkChange.New, 0), (left.Change, left.Value.MasterIndex));

        ns.Socket.DeleteLink(port);
        var deleted = await NextAsync<LinkInfo>(events, e => e.Change == NetlinkChange.Deleted);
        Assert.True(deleted.Value.Name is "cnit-sbp" or "cnit-sbq", deleted.Value.Name);
        Assert.Throws<NetlinkException>(() => ns.Socket.GetLink(deleted.Value.Index));
    }

    [Fact]
    public async Task Addresses_added_and_deleted_are_streamed_as_interface_addresses()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-sa");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Address | NetlinkGroups.IPv6Address);
        await using var events = Read(monitor);
        var address = IPAddress.Parse("10.62.0.1");

        ns.Socket.AddAddress(link, address, 24, IPAddress.Parse("10.62.0.255"));
        var added = await NextAsync<InterfaceAddress>(events, e => address.Equals(e.Value.Address));
        Assert.Equal(
            new InterfaceAddress { LinkIndex = link, Address = address, PrefixLength = 24, Scope = RouteScope.Universe, Flags = AddressFlags.Permanent, Broadcast = IPAddress.Parse("10.62.0.255"), Label = "cnit-sa" },
            added.Value);
        Assert.Equal(NetlinkChange.New, added.Change);

        var v6 = IPAddress.Parse("fd00:62::1");
        ns.Socket.AddAddress(link, v6, 64, AddressFlags.NoDad);
        var addedV6 = await NextAsync<InterfaceAddress>(events, e => v6.Equals(e.Value.Address));
        Assert.Equal((NetlinkChange.New, 64, (string?)null), (addedV6.Change, addedV6.Value.PrefixLength, addedV6.Value.Label));

        ns.Socket.DeleteAddress(link, address, 24);
        var deleted = await NextAsync<InterfaceAddress>(events, e => e.Change == NetlinkChange.Deleted);
        Assert.Equal((link, address, 24), (deleted.Value.LinkIndex, deleted.Value.Address, deleted.Value.PrefixLength));
    }

    [Fact]
    public async Task Routes_added_and_deleted_are_streamed_and_the_copy_deletes_the_route()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-sr");
        ns.Socket.AddAddress(link, IPAddress.Parse("10.63.0.1"), 24);
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Route);
        await using var events = Read(monitor);
        var route = new Route
        {
            Destination = IPAddress.Parse("10.64.0.0"),
            DestinationPrefixLength = 16,
            Gateway = IPAddress.Parse("10.63.0.2"),
            Table = 100,
            Priority = 7,
            Protocol = (RouteProtocol)78,
            Mtu = 1300,
        };

        ns.Socket.AddRoute(route);
        var added = await NextAsync<Route>(events, e => e.Value.Protocol == route.Protocol);
        Assert.Equal(
            route with { OutputLinkIndex = link, Scope = RouteScope.Universe, Type = RouteType.Unicast },
            added.Value);
        Assert.Equal(NetlinkChange.New, added.Change);

        // The owned copy is a request: it deletes what it describes.
        ns.Socket.DeleteRoute(added.Value);
        var deleted = await NextAsync<Route>(events, e => e.Change == NetlinkChange.Deleted && e.Value.Protocol == route.Protocol);
        Assert.Equal(added.Value, deleted.Value);
    }

    [Fact]
    public async Task A_multipath_route_is_streamed_with_its_paths()
    {
        using var ns = TestNamespace.Create();
        var first = ns.AddBridge("cnit-sm1");
        var second = ns.AddBridge("cnit-sm2");
        ns.Socket.AddAddress(first, IPAddress.Parse("10.69.1.1"), 24);
        ns.Socket.AddAddress(second, IPAddress.Parse("10.69.2.1"), 24);
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Route);
        await using var events = Read(monitor);
        NextHop[] paths =
        [
            new() { Gateway = IPAddress.Parse("10.69.1.2"), LinkIndex = first, Weight = 2 },
            new() { Gateway = IPAddress.Parse("10.69.2.2"), LinkIndex = second, Weight = 1 },
        ];

        ns.Socket.AddRoute(new Route { Destination = IPAddress.Parse("10.70.0.0"), DestinationPrefixLength = 16, NextHops = paths, Protocol = (RouteProtocol)80 });
        var added = await NextAsync<Route>(events, e => e.Value.Protocol == (RouteProtocol)80);
        Assert.Equal(paths, added.Value.NextHops.ToArray());
        Assert.Equal((0, (IPAddress?)null), (added.Value.OutputLinkIndex, added.Value.Gateway));

        ns.Socket.DeleteRoute(added.Value);
        var deleted = await NextAsync<Route>(events, e => e.Change == NetlinkChange.Deleted && e.Value.Protocol == (RouteProtocol)80);
        Assert.Equal(paths, deleted.Value.NextHops.ToArray());
    }

    [Fact]
    public async Task Neighbors_added_and_deleted_are_streamed()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-sn");
        ns.Socket.AddAddress(link, IPAddress.Parse("10.65.0.1"), 24);
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Neighbor);
        await using var events = Read(monitor);
        var neighbor = new Neighbor { LinkIndex = link, Address = IPAddress.Parse("10.65.0.7"), HardwareAddress = new byte[] { 0x02, 0, 0, 0, 0x65, 0x07 } };

        ns.Socket.AddNeighbor(neighbor);
        var added = await NextAsync<Neighbor>(events, e => neighbor.Address.Equals(e.Value.Address));
        Assert.Equal(NetlinkChange.New, added.Change);
        Assert.Equal((link, NeighborState.Permanent), (added.Value.LinkIndex, added.Value.State));
        Assert.Equal(neighbor.HardwareAddress.ToArray(), added.Value.HardwareAddress.ToArray());

        ns.Socket.DeleteNeighbor(neighbor);
        var deleted = await NextAsync<Neighbor>(events, e => e.Change == NetlinkChange.Deleted);
        Assert.Equal((link, neighbor.Address), (deleted.Value.LinkIndex, deleted.Value.Address));
    }

    [Fact]
    public async Task Rules_added_and_deleted_are_streamed_and_the_copy_deletes_the_rule()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Rule | NetlinkGroups.IPv6Rule);
        await using var events = Read(monitor);
        var rule = new Rule
        {
            Family = AddressFamily.InterNetworkV6,
            Source = IPAddress.Parse("fd00:66::"),
            SourcePrefixLength = 64,
            Table = 102,
            Priority = 1200,
            Action = RuleAction.ToTable,
            InputInterface = "cnit-si",
            FirewallMark = 9,
            FirewallMask = 0xff,
        };

        ns.Socket.AddRule(rule);
        var added = await NextAsync<Rule>(events, e => e.Value.Priority == 1200);
        Assert.Equal((NetlinkChange.New, rule), (added.Change, added.Value));

        ns.Socket.DeleteRule(added.Value);
        var deleted = await NextAsync<Rule>(events, e => e.Change == NetlinkChange.Deleted);
        Assert.Equal(rule, deleted.Value);
    }

    [Fact]
    public async Task Fdb_entries_of_a_bridge_port_added_and_deleted_are_streamed_apart_from_neighbors()
    {
        using var ns = TestNamespace.Create();
        var bridge = ns.AddBridge("cnit-sf");
        ns.Socket.AddLink(new VethSpec("cnit-sfp", "cnit-sfq") { MasterIndex = bridge, Up = true });
        var port = ns.Socket.GetLink("cnit-sfp").Index;
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Neighbor);
        await using var events = Read(monitor);
        var entry = new FdbEntry { LinkIndex = port, HardwareAddress = new byte[] { 0x02, 0, 0, 0, 0x67, 0x01 }, Flags = NeighborFlags.Master };

        ns.Socket.AddFdbEntry(entry);
        var added = await NextAsync<FdbEntry>(events, e => e.Value.HardwareAddress.Span[4] == 0x67);
        Assert.Equal(NetlinkChange.New, added.Change);
        Assert.Equal((port, (IPAddress?)null), (added.Value.LinkIndex, added.Value.Destination));
        Assert.Equal(entry.HardwareAddress.ToArray(), added.Value.HardwareAddress.ToArray());
        Assert.True(added.Value.Flags.HasFlag(NeighborFlags.Master));

        // The owned copy is a request: it deletes what it describes.
        ns.Socket.DeleteFdbEntry(added.Value);
        var deleted = await NextAsync<FdbEntry>(events, e => e.Change == NetlinkChange.Deleted && e.Value.HardwareAddress.Span[4] == 0x67);
        Assert.Equal(port, deleted.Value.LinkIndex);
    }

    [Fact]
    public async Task Cancelling_ends_the_stream_promptly_with_OperationCanceledException()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        using var cancel = new CancellationTokenSource();
        var events = monitor.ReadEventsAsync(cancel.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var next = events.MoveNextAsync().AsTask();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);

        // The monitor is free again: a blocking wait works once the stream is gone.
        await events.DisposeAsync();
        Assert.False(monitor.WaitForLink(_ => true, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Cancelling_ends_the_stream_while_events_are_still_queued()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-sq");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Address);
        for (var i = 0; i < 8; i++)
        {
            ns.Socket.AddAddress(link, new IPAddress([10, 71, 0, (byte)(i + 1)]), 32);
        }

        using var cancel = new CancellationTokenSource();
        var events = monitor.ReadEventsAsync(cancel.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await events.MoveNextAsync());
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_the_monitor_ends_the_stream_without_an_exception()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        var events = Read(monitor);
        var next = events.MoveNextAsync().AsTask();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);

        var clock = Stopwatch.StartNew();
        monitor.Dispose();
        Assert.False(await next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);
        await events.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await Read(monitor).MoveNextAsync());
    }

    [Fact]
    public async Task Pending_streams_hold_no_thread_each_and_one_change_reaches_them_all()
    {
        using var ns = TestNamespace.Create();
        var monitors = Enumerable.Range(0, 64).Select(_ => NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link)).ToArray();
        try
        {
            var threadsBefore = Directory.GetDirectories("/proc/self/task").Length;
            var streams = monitors.Select(Read).ToArray();
            var pending = streams.Select(s => s.MoveNextAsync().AsTask()).ToArray();
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(pending, p => p.IsCompleted);

            // The runtime's one epoll thread waits for all of them (other tests running meanwhile may add a few threads).
            Assert.InRange(Directory.GetDirectories("/proc/self/task").Length - threadsBefore, int.MinValue, 16);

            ns.Socket.AddLink(new BridgeSpec("cnit-sm"));
            Assert.All(await Task.WhenAll(pending).WaitAsync(s_eventTimeout, TestContext.Current.CancellationToken), Assert.True);
            Assert.All(streams, s => Assert.Equal("cnit-sm", Assert.IsType<NetlinkEvent<LinkInfo>>(s.Current).Value.Name));
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
        finally
        {
            foreach (var monitor in monitors)
            {
                monitor.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_monitor_has_one_reader_at_a_time()
    {
        using var ns = TestNamespace.Create();
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        var events = Read(monitor);
        var next = events.MoveNextAsync();

        Assert.Throws<InvalidOperationException>(() => monitor.WaitForLink(_ => true, TimeSpan.FromMilliseconds(10)));
        await using var second = Read(monitor);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.MoveNextAsync());

        // The first stream still reads.
        ns.Socket.AddLink(new BridgeSpec("cnit-s1"));
        Assert.True(await next.AsTask().WaitAsync(s_eventTimeout, TestContext.Current.CancellationToken));
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Events_lost_to_a_full_receive_buffer_are_streamed_as_NetlinkEventsLost_and_the_stream_goes_on()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-so");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Address);
        monitor.SetReceiveBufferSize(1024);
        Overflow(ns.Socket, link);

        await using var events = Read(monitor);
        Assert.True(await events.MoveNextAsync());
        Assert.IsType<NetlinkEventsLost>(events.Current);

        // Still subscribed, and the stale queue is gone (while it stayed, the kernel delivered nothing): a change after the loss is seen.
        var address = IPAddress.Parse("10.68.1.1");
        ns.Socket.AddAddress(link, address, 32);
        await NextAsync<InterfaceAddress>(events, e => address.Equals(e.Value.Address));
    }

    [Fact]
    public void Events_lost_to_a_full_receive_buffer_make_a_blocking_wait_throw_ENOBUFS()
    {
        using var ns = TestNamespace.Create();
        var link = ns.AddBridge("cnit-sw");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Address);
        monitor.SetReceiveBufferSize(1024);
        Overflow(ns.Socket, link);

        var error = Assert.Throws<NetlinkException>(() => monitor.WaitForAddress(_ => false, TimeSpan.FromSeconds(1)));
        Assert.Equal("ENOBUFS", error.ErrorName);

        // The caller re-reads the state, then waits again: a change after the loss is seen.
        var address = IPAddress.Parse("10.68.1.1");
        ns.Socket.AddAddress(link, address, 32);
        Assert.True(monitor.WaitForAddress(a => a.GetAddress().Equals(address), s_eventTimeout));
    }

    /// <summary>Far more address notifications than the smallest receive buffer holds, none read meanwhile.</summary>
    private static void Overflow(NetlinkSocket socket, int link)
    {
        for (var i = 0; i < 100; i++)
        {
            var address = new IPAddress([10, 68, 0, (byte)(i + 1)]);
            socket.AddAddress(link, address, 32);
            socket.DeleteAddress(link, address, 32);
        }
    }

    /// <summary>The monitor's stream, ended by the test's cancellation and by the stream timeout.</summary>
    private IAsyncEnumerator<NetlinkEvent> Read(NetlinkMonitor monitor)
        => monitor.ReadEventsAsync(_streamTimeout.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);

    /// <summary>Reads on until an event of type <typeparamref name="T"/> that <paramref name="match"/> accepts, skipping others.</summary>
    private static async Task<NetlinkEvent<T>> NextAsync<T>(IAsyncEnumerator<NetlinkEvent> events, Func<NetlinkEvent<T>, bool> match)
    {
        while (await events.MoveNextAsync())
        {
            Assert.IsNotType<NetlinkEventsLost>(events.Current);
            if (events.Current is NetlinkEvent<T> e && match(e))
            {
                return e;
            }
        }

        Assert.Fail("the stream ended");
        return null!;
    }
}
