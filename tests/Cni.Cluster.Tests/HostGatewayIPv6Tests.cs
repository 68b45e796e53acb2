using System.Net;
using Cni.Cluster.Tests.Topology;
using Cni.Netlink;
using Cni.Testing;

namespace Cni.Cluster.Tests;

/// <summary>host-gw with IPv6 blocks and underlay addresses: the kernel gives IPv6 routes metric 1024, which a re-sync must still recognise as its own.</summary>
public class HostGatewayIPv6Tests
{
    [Fact]
    public void IPv6_blocks_get_one_route_each_across_syncs_and_restarts_and_go_with_their_node()
    {
        using var ns = TestNamespace.Create();
        var eth0 = ns.AddBridge("cnit-eth0");
        ns.Socket.AddAddress(eth0, IPAddress.Parse("fd00:90::1"), 64, AddressFlags.NoDad);
        RemoteNode[] nodes =
        [
            new("node-2", IPCidr.Parse("fd00:244:2::/64"), IPAddress.Parse("fd00:90::2"), null),
            new("node-3", IPCidr.Parse("fd00:244:3::/64"), IPAddress.Parse("fd00:90::3"), null),
        ];

        using (var plane = new HostGatewayDataPlane(ns.Socket, eth0))
        {
            plane.Sync(nodes);
            plane.Sync(nodes);
        }

        var routes = Routes();
        Assert.Equal(2, routes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("fd00:244:2::/64 via fd00:90::2 dev cnit-eth0 metric 1024", routes);

        // A restarted agent's sync changes nothing: not even a delete and add of the same route.
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv6Route);
        using var restarted = new HostGatewayDataPlane(ns.Socket, "cnit-eth0");
        restarted.Sync(nodes);
        Assert.Equal(routes, Routes());
        Assert.False(monitor.WaitForRouteDeletion(_ => true, TimeSpan.FromMilliseconds(300)));

        restarted.Sync([nodes[0]]);
        Assert.DoesNotContain("fd00:244:3::", Routes());
        Assert.Contains("fd00:244:2::/64 via fd00:90::2", Routes());

        string Routes() => Probe.Run("ip", "-6", "-n", ns.Name, "route", "show", "proto", "77");
    }
}
