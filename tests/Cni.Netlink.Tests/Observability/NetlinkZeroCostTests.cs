using System.Net;

namespace Cni.Netlink.Tests.Observability;

/// <summary>
/// The traced requests and waits allocate nothing while nothing listens; listened to, the same work
/// allocates, which shows the count sees the difference. (AllocationTests measure the same requests without any listener.)
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class NetlinkZeroCostTests
{
    [Fact]
    public void Traced_requests_and_waits_allocate_only_when_listened_to()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var bridge = ns.AddBridge("cnit-obz");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Route);
        var route = new Route { Destination = IPAddress.Parse("10.79.2.1"), DestinationPrefixLength = 32, OutputLinkIndex = bridge, Protocol = (RouteProtocol)79 };
        Func<RouteMessage, bool> ours = static r => r.Protocol == (RouteProtocol)79;
        var veth = new VethSpec("cnit-obz-v", "cnit-obz-p");
        var timeout = TimeSpan.FromSeconds(5);

        void Work()
        {
            for (var i = 0; i < 4; i++)
            {
                socket.AddLink(veth);
                socket.DeleteLink(veth.Name);
                socket.AddRoute(route);
                Assert.True(monitor.WaitForRoute(ours, timeout));
                socket.DeleteRoute(route);
                Assert.True(monitor.WaitForRouteDeletion(ours, timeout));
            }
        }

        var unlistened = SteadyStateAllocation(Work);
        long listened;
        using (new ActivityRecorder(NetlinkDiagnostics.ActivitySourceName))
        using (new InstrumentRecorder(NetlinkDiagnostics.MeterName))
        {
            listened = SteadyStateAllocation(Work);
        }

        Assert.Equal(0, unlistened);
        Assert.True(listened > 0, "listened to, the same work allocated nothing: the count does not see the spans");
        TestContext.Current.TestOutputHelper?.WriteLine($"4 rounds of veth add/delete and route add/wait/delete/wait: {unlistened} bytes unlistened, {listened} listened");
    }

    private static long SteadyStateAllocation(Action work)
    {
        work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
