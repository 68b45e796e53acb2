using System.Net;

namespace Cni.Netlink.Tests;

/// <summary>Steady-state requests allocate nothing: measured with the runtime's per-thread counter.</summary>
public class AllocationTests
{
    [Fact]
    public void Address_route_get_and_dump_allocate_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-alloc");
        for (var i = 0; i < 20; i++)
        {
            socket.AddLink(new BridgeSpec($"cnit-al{i}"));
        }

        var addresses = Enumerable.Range(0, 64).Select(i => new IPAddress([10, 123, 0, (byte)i])).ToArray();
        var routes = Enumerable.Range(0, 64).Select(i => new Route { Destination = new IPAddress([10, 124, 0, (byte)i]), DestinationPrefixLength = 32, OutputLinkIndex = link }).ToArray();
        var info = new LinkInfo();
        const string Name = "cnit-alloc";

        void Work()
        {
            for (var i = 0; i < addresses.Length; i++)
            {
                socket.AddAddress(link, addresses[i], 32);
                socket.DeleteAddress(link, addresses[i], 32);
                socket.AddRoute(routes[i]);
                socket.DeleteRoute(routes[i]);
                socket.TryGetLink(link, info);
                socket.TryGetLink(Name, info);
            }

            var count = 0;
            foreach (var l in socket.DumpLinks())
            {
                count += l.NameUtf8.Length;
            }

            Assert.True(count > 0);
        }

        Work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
