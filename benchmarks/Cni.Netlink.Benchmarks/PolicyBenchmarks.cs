using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;

namespace Cni.Netlink.Benchmarks;

/// <summary>
/// The requests added for bridge ports, neighbours, rules and multipath routes, on one socket
/// inside a namespace the benchmark creates: each should show 0 B allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private readonly BridgePortSettings _hairpinOn = new() { Hairpin = true };
    private readonly BridgePortSettings _hairpinOff = new() { Hairpin = false };
    private string _namespaceName = "";
    private NetworkNamespace? _namespace;
    private NetlinkSocket _socket = null!;
    private int _port;
    private Neighbor _neighbor;
    private Rule _rule;
    private Route _multipath;

    [GlobalSetup]
    public void Setup()
    {
        _namespaceName = "cnit-bdnp-" + Environment.ProcessId;
        _namespace = NetworkNamespace.Create(_namespaceName);
        _socket = NetlinkSocket.Open(_namespace);
        _socket.AddLink(new BridgeSpec("bench0") { Up = true });
        _socket.AddLink(new BridgeSpec("bench1") { Up = true });
        var bridge = _socket.GetLink("bench0").Index;
        var second = _socket.GetLink("bench1").Index;
        _socket.AddLink(new VethSpec("port0", "peer0") { MasterIndex = bridge });
        _port = _socket.GetLink("port0").Index;
        _socket.AddAddress(bridge, IPAddress.Parse("10.70.0.1"), 24);
        _socket.AddAddress(second, IPAddress.Parse("10.71.0.1"), 24);
        for (var i = 0; i < 100; i++)
        {
            _socket.AddRoute(new Route { Destination = new IPAddress([10, 80, 0, (byte)i]), DestinationPrefixLength = 32, OutputLinkIndex = bridge, Table = 100 });
        }

        _neighbor = new Neighbor { LinkIndex = bridge, Address = IPAddress.Parse("10.70.0.2"), HardwareAddress = new byte[] { 2, 0, 0, 0, 0, 2 } };
        _rule = new Rule { Source = IPAddress.Parse("10.70.0.5"), SourcePrefixLength = 32, Table = 100, Priority = 1000 };
        _multipath = new Route
        {
            Destination = IPAddress.Parse("10.73.0.0"),
            DestinationPrefixLength = 16,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("10.70.0.2"), LinkIndex = bridge },
                new() { Gateway = IPAddress.Parse("10.71.0.2"), LinkIndex = second },
            },
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _socket.Dispose();
        _namespace?.Dispose();
        NetworkNamespace.Delete(_namespaceName);
    }

    /// <summary>Hairpin on and off on a bridge port (two requests).</summary>
    [Benchmark]
    public void BridgePortHairpinOnOff()
    {
        _socket.SetBridgePort(_port, _hairpinOn);
        _socket.SetBridgePort(_port, _hairpinOff);
    }

    [Benchmark]
    public void NeighborAddDelete()
    {
        _socket.AddNeighbor(_neighbor);
        _socket.DeleteNeighbor(_neighbor);
    }

    [Benchmark]
    public void RuleAddDelete()
    {
        _socket.AddRule(_rule);
        _socket.DeleteRule(_rule);
    }

    [Benchmark]
    public void MultipathRouteAddDelete()
    {
        _socket.AddRoute(_multipath);
        _socket.DeleteRoute(_multipath);
    }

    /// <summary>The 100 routes of table 100, filtered by the kernel, each destination read.</summary>
    [Benchmark]
    public int RouteDumpOneTable()
    {
        var sum = 0;
        foreach (var route in _socket.DumpRoutes(AddressFamily.InterNetwork, 100))
        {
            sum += route.DestinationBytes[3];
        }

        return sum;
    }
}
