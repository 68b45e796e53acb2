using System.Net;
using BenchmarkDotNet.Attributes;

namespace Cni.Netlink.Benchmarks;

/// <summary>
/// Steady-state requests on one socket opened inside a namespace the benchmark creates: each
/// should show 0 B allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class NetlinkBenchmarks
{
    private const string BridgeName = "bench0";

    private readonly IPAddress _address = IPAddress.Parse("10.123.0.1");
    private readonly LinkInfo _link = new();
    private string _namespaceName = "";
    private NetworkNamespace? _namespace;
    private NetlinkSocket _socket = null!;
    private int _bridge;
    private Route _route;

    [GlobalSetup]
    public void Setup()
    {
        _namespaceName = "cnit-bdn-" + Environment.ProcessId;
        _namespace = NetworkNamespace.Create(_namespaceName);
        _socket = NetlinkSocket.Open(_namespace);
        _socket.AddLink(new BridgeSpec(BridgeName) { Up = true });
        _bridge = _socket.GetLink(BridgeName).Index;
        for (var i = 0; i < 100; i++)
        {
            _socket.AddLink(new BridgeSpec("dd" + i));
        }

        _route = new Route { Destination = IPAddress.Parse("10.124.0.1"), DestinationPrefixLength = 32, OutputLinkIndex = _bridge };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _socket.Dispose();
        _namespace?.Dispose();
        NetworkNamespace.Delete(_namespaceName);
    }

    [Benchmark]
    public void AddressAddDelete()
    {
        _socket.AddAddress(_bridge, _address, 32);
        _socket.DeleteAddress(_bridge, _address, 32);
    }

    [Benchmark]
    public void RouteAddDelete()
    {
        _socket.AddRoute(_route);
        _socket.DeleteRoute(_route);
    }

    [Benchmark]
    public bool LinkGetByIndex() => _socket.TryGetLink(_bridge, _link);

    [Benchmark]
    public bool LinkGetByName() => _socket.TryGetLink(BridgeName, _link);

    /// <summary>A dump of 102 links (lo, bench0, dd0..dd99), every name read.</summary>
    [Benchmark]
    public int LinkDumpIterate()
    {
        var length = 0;
        foreach (var link in _socket.DumpLinks())
        {
            length += link.NameUtf8.Length + link.Mtu;
        }

        return length;
    }
}
