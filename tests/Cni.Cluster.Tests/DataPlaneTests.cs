using System.Net;
using System.Net.NetworkInformation;
using Cni.Cluster.Tests.Topology;
using Cni.Netlink;

namespace Cni.Cluster.Tests;

/// <summary>
/// Both data planes on real kernel objects: an underlay bridge in its own namespace, three node
/// namespaces on it (forwarding on, set by the test), each with a pod in its block. Nothing
/// translates addresses anywhere, so a receiver sees the sender's own address or the test fails.
/// </summary>
public class DataPlaneTests
{
    public static TheoryData<string> Modes => [DataPlanes.HostGateway, DataPlanes.Vxlan];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Pods_on_different_nodes_reach_each_other_with_their_own_addresses(string mode)
    {
        using var cluster = ClusterTopology.Create(3);
        using var planes = new DataPlanes(cluster, mode);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        Assert.False(Probe.Ping(a.Pod, c.PodAddress));

        planes.SyncAll();

        Assert.True(Probe.Ping(a.Pod, c.PodAddress), $"{mode}: ping from pod {a.PodAddress} to pod {c.PodAddress}");
        Assert.True(Probe.Ping(c.Pod, b.PodAddress), $"{mode}: ping from pod {c.PodAddress} to pod {b.PodAddress}");
        Assert.Equal(a.PodAddress, Probe.SourceSeenBy(c.Pod, c.PodAddress, a.Pod));
        Assert.Equal(b.PodAddress, Probe.SourceSeenBy(a.Pod, a.PodAddress, b.Pod));

        // A process on node A's host network reaches pod B, and pod B sees node A's address: the
        // underlay address in host-gw, the VXLAN device's (A's block network address) in vxlan.
        var nodeAddress = mode == DataPlanes.Vxlan ? a.Block.Network.BaseAddress : a.UnderlayAddress;
        Assert.Equal(nodeAddress, Probe.SourceSeenBy(b.Pod, b.PodAddress, a.Host));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_departed_node_loses_its_entries_on_the_others_and_a_changed_node_is_replaced(string mode)
    {
        using var cluster = ClusterTopology.Create(3);
        using var planes = new DataPlanes(cluster, mode);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        planes.SyncAll();
        Assert.Contains("10.244.3.0/24", Probe.OwnedRoutes(a));

        // Node C leaves: A and B sync without it.
        planes[0].Sync(planes.OthersOf(0, leaving: 2));
        planes[1].Sync(planes.OthersOf(1, leaving: 2));
        foreach (var node in new[] { a, b })
        {
            var routes = Probe.OwnedRoutes(node);
            Assert.DoesNotContain("10.244.3.0", routes);
            Assert.Single(routes.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            if (mode == DataPlanes.Vxlan)
            {
                var vtepC = Mac(planes[2]);
                Assert.DoesNotContain("10.244.3.0", Probe.Neighbors(node, planes.Device));
                Assert.DoesNotContain(vtepC, Probe.Fdb(node, planes.Device));
                Assert.DoesNotContain("10.90.0.3", Probe.Fdb(node, planes.Device));
            }
        }

        Assert.True(Probe.Ping(a.Pod, b.PodAddress));
        Assert.False(Probe.Ping(a.Pod, c.PodAddress));

        // Node B changes: a new underlay address (host-gw) or a new VTEP address (vxlan) replaces its entries on A.
        var changed = mode == DataPlanes.Vxlan
            ? b.AsRemote(planes[1]) with { VtepAddress = PhysicalAddress.Parse("02-00-00-00-0B-0B") }
            : b.AsRemote(planes[1]) with { UnderlayAddress = IPAddress.Parse("10.90.0.102") };
        planes[0].Sync([changed]);
        if (mode == DataPlanes.Vxlan)
        {
            Assert.Contains("10.244.2.0 lladdr 02:00:00:00:0b:0b PERMANENT", Probe.Neighbors(a, planes.Device));
            var fdb = Probe.Fdb(a, planes.Device);
            Assert.Contains("02:00:00:00:0b:0b dst 10.90.0.2 self permanent", fdb);
            Assert.DoesNotContain(Mac(planes[1]), fdb);
            Assert.Equal("10.244.2.0/24 via 10.244.2.0 dev cni-vxlan onlink \n", Probe.OwnedRoutes(a));
        }
        else
        {
            Assert.Equal("10.244.2.0/24 via 10.90.0.102 dev eth0 \n", Probe.OwnedRoutes(a));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Syncing_again_and_a_restarted_agent_keep_one_entry_per_block_and_leave_others_entries_alone(string mode)
    {
        using var cluster = ClusterTopology.Create(3);
        using var planes = new DataPlanes(cluster, mode);
        var a = cluster.Nodes[0];
        var socket = a.Host.Socket;
        var eth0 = a.UnderlayIndex;

        // Entries that are not the data plane's: a static route, one of protocol boot, a neighbour on eth0.
        socket.AddRoute(new Route { Destination = IPAddress.Parse("10.250.0.0"), DestinationPrefixLength = 24, Gateway = IPAddress.Parse("10.90.0.2"), Protocol = RouteProtocol.Static });
        socket.AddRoute(new Route { Destination = IPAddress.Parse("10.251.0.0"), DestinationPrefixLength = 24, Gateway = IPAddress.Parse("10.90.0.3") });
        socket.AddNeighbor(new Neighbor { LinkIndex = eth0, Address = IPAddress.Parse("10.90.0.77"), HardwareAddress = new byte[] { 2, 0, 0, 0, 0, 0x77 } });

        planes.SyncAll();
        var owned = Probe.OwnedRoutes(a);
        var all = Probe.AllRoutes(a);
        var vtep = (planes[0] as VxlanDataPlane)?.VtepAddress;
        var tunnel = mode == DataPlanes.Vxlan ? (Probe.Neighbors(a, planes.Device), Probe.Fdb(a, planes.Device)) : default;
        Assert.Equal(2, owned.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Nothing that is right changes: no route is deleted and added again, and the kernel notifies no change
        // to the device's neighbour or FDB entries (an identical replace is no change, so it would not show).
        using (var routeEvents = NetlinkMonitor.Open(a.Host.Namespace, NetlinkGroups.IPv4Route))
        using (var neighborEvents = NetlinkMonitor.Open(a.Host.Namespace, NetlinkGroups.Neighbor))
        using (var fdbEvents = NetlinkMonitor.Open(a.Host.Namespace, NetlinkGroups.Neighbor))
        {
            planes[0].Sync(planes.OthersOf(0));
            planes.Restart(0);
            planes[0].Sync(planes.OthersOf(0));
            planes[0].Sync(planes.OthersOf(0));
            Assert.False(routeEvents.WaitForRouteDeletion(_ => true, TimeSpan.FromMilliseconds(300)));
            var device = socket.GetLink(planes.Device).Index;
            Assert.False(neighborEvents.WaitForNeighbor(n => n.LinkIndex == device, TimeSpan.FromMilliseconds(100)));
            Assert.False(fdbEvents.WaitForFdbEntry(e => e.LinkIndex == device, TimeSpan.FromMilliseconds(100)));
        }

        Assert.Equal(owned, Probe.OwnedRoutes(a));
        Assert.Equal(all, Probe.AllRoutes(a));
        if (mode == DataPlanes.Vxlan)
        {
            Assert.Equal(vtep, ((VxlanDataPlane)planes[0]).VtepAddress);
            Assert.Equal(tunnel, (Probe.Neighbors(a, planes.Device), Probe.Fdb(a, planes.Device)));
        }

        Assert.True(Probe.Ping(a.Pod, cluster.Nodes[2].PodAddress));

        // What a crashed agent could leave: a second route of its own to a block (added alongside),
        // one with another metric, one to a block no node has any more. The next sync leaves one route per block.
        var block2 = IPAddress.Parse("10.244.2.0");
        var stray = new Route { Destination = block2, DestinationPrefixLength = 24, Gateway = IPAddress.Parse("10.90.0.3"), OutputLinkIndex = eth0, Protocol = ClusterRoutes.Protocol };
        socket.AddRouteAlongside(stray);
        socket.AddRoute(stray with { Priority = 5 });
        socket.AddRoute(stray with { Destination = IPAddress.Parse("10.244.99.0") });
        Assert.Equal(5, Probe.OwnedRoutes(a).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        planes[0].Sync(planes.OthersOf(0));
        Assert.Equal(owned, Probe.OwnedRoutes(a));
        Assert.Equal(all, Probe.AllRoutes(a));

        // An empty set removes every entry the data plane owns and nothing else.
        planes[0].Sync([]);
        Assert.Equal("", Probe.OwnedRoutes(a));
        var left = Probe.AllRoutes(a);
        Assert.Contains("10.250.0.0/24 via 10.90.0.2 dev eth0 proto static", left);
        Assert.Contains("10.251.0.0/24 via 10.90.0.3 dev eth0", left);
        Assert.Contains("10.90.0.77 dev eth0 lladdr 02:00:00:00:00:77 PERMANENT", Probe.Run("ip", "-n", a.Host.Name, "neigh", "show"));
        if (mode == DataPlanes.Vxlan)
        {
            Assert.Equal("", Probe.Neighbors(a, planes.Device));
            Assert.DoesNotContain(" dst ", Probe.Fdb(a, planes.Device));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_block_someone_else_routes_is_reported_not_overwritten_and_the_others_are_programmed(string mode)
    {
        using var cluster = ClusterTopology.Create(3);
        using var planes = new DataPlanes(cluster, mode);
        var a = cluster.Nodes[0];
        a.Host.Socket.AddRoute(new Route { Destination = IPAddress.Parse("10.244.3.0"), DestinationPrefixLength = 24, Gateway = IPAddress.Parse("10.90.0.2"), Protocol = RouteProtocol.Static });

        var ex = Assert.Throws<AggregateException>(() => planes[0].Sync(planes.OthersOf(0)));
        Assert.True(Assert.IsType<NetlinkException>(Assert.Single(ex.InnerExceptions)).IsExists);
        Assert.Contains("10.244.2.0/24", Probe.OwnedRoutes(a));
        Assert.DoesNotContain("10.244.3.0", Probe.OwnedRoutes(a));
        Assert.Contains("10.244.3.0/24 via 10.90.0.2 dev eth0 proto static", Probe.AllRoutes(a));
        planes[1].Sync(planes.OthersOf(1));
        Assert.True(Probe.Ping(a.Pod, cluster.Nodes[1].PodAddress));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Two_nodes_with_one_block_are_refused_before_anything_changes(string mode)
    {
        using var cluster = ClusterTopology.Create(3);
        using var planes = new DataPlanes(cluster, mode);
        var others = planes.OthersOf(0);
        others[1] = others[1] with { PodBlock = others[0].PodBlock };
        var ex = Assert.Throws<ArgumentException>(() => planes[0].Sync(others));
        Assert.Contains("node-2 and node-3 both claim the pod block 10.244.2.0/24", ex.Message);
        Assert.Equal("", Probe.OwnedRoutes(cluster.Nodes[0]));
    }

    private static string Mac(IClusterDataPlane plane)
        => string.Join(':', ((VxlanDataPlane)plane).VtepAddress.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
