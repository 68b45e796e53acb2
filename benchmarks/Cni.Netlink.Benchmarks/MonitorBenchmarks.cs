using System.Net;
using BenchmarkDotNet.Attributes;

namespace Cni.Netlink.Benchmarks;

/// <summary>
/// A request and the blocking wait for its notification, on one socket and one monitor inside a
/// namespace the benchmark creates: should show 0 B allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class MonitorBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly Func<RouteMessage, bool> Ours = static r => r.Protocol == (RouteProtocol)79;

    private string _namespaceName = "";
    private NetworkNamespace? _namespace;
    private NetlinkSocket _socket = null!;
    private NetlinkMonitor _monitor = null!;
    private Route _route;

    [GlobalSetup]
    public void Setup()
    {
        _namespaceName = "cnit-bdnm-" + Environment.ProcessId;
        _namespace = NetworkNamespace.Create(_namespaceName);
        _socket = NetlinkSocket.Open(_namespace);
        _socket.AddLink(new BridgeSpec("bench0") { Up = true });
        var bridge = _socket.GetLink("bench0").Index;
        _monitor = NetlinkMonitor.Open(_namespace, NetlinkGroups.IPv4Route);
        _route = new Route { Destination = IPAddress.Parse("10.125.0.1"), DestinationPrefixLength = 32, OutputLinkIndex = bridge, Protocol = (RouteProtocol)79 };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitor.Dispose();
        _socket.Dispose();
        _namespace?.Dispose();
        NetworkNamespace.Delete(_namespaceName);
    }

    /// <summary>Adds a route and waits for its RTM_NEWROUTE, deletes it and waits for its RTM_DELROUTE.</summary>
    [Benchmark]
    public bool RouteAddDeleteWithWaits()
    {
        _socket.AddRoute(_route);
        var added = _monitor.WaitForRoute(Ours, Timeout);
        _socket.DeleteRoute(_route);
        return _monitor.WaitForRouteDeletion(Ours, Timeout) && added;
    }
}
