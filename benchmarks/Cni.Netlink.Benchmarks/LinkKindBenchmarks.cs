using BenchmarkDotNet.Attributes;

namespace Cni.Netlink.Benchmarks;

/// <summary>
/// Creating and deleting a link of each kind with a spec built once, on one socket inside a
/// namespace the benchmark creates: every kind made over rtnetlink should show 0 B allocated per
/// operation; a tap link, made through /dev/net/tun from a thread outside the socket's namespace,
/// allocates its files' SafeFileHandles and the thread that opens /dev/net/tun.
/// </summary>
[MemoryDiagnoser]
public class LinkKindBenchmarks
{
    private string _namespaceName = "";
    private NetworkNamespace? _namespace;
    private NetlinkSocket _socket = null!;
    private BridgeSpec _bridge = null!;
    private VethSpec _veth = null!;
    private VxlanSpec _vxlan = null!;
    private MacvlanSpec _macvlan = null!;
    private MacvtapSpec _macvtap = null!;
    private TunSpec _tap = null!;

    [GlobalSetup]
    public void Setup()
    {
        _namespaceName = "cnit-bdnk-" + Environment.ProcessId;
        _namespace = NetworkNamespace.Create(_namespaceName);
        // The benchmark's thread stays in the host's namespace, so a tap's /dev/net/tun is opened on a thread that
        // enters the socket's namespace: TapAddDelete times that path, thread start included.
        _socket = NetlinkSocket.Open(_namespace);
        _socket.AddLink(new BridgeSpec("under0") { Up = true });
        _socket.AddLink(new VethSpec("parent0", "parent0p"));
        var underlay = _socket.GetLink("under0").Index;
        var parent = _socket.GetLink("parent0").Index;
        _bridge = new BridgeSpec("kbr0");
        _veth = new VethSpec("kveth0", "kveth0p") { MasterIndex = underlay };
        _vxlan = new VxlanSpec("kvx0", 42) { UnderlayIndex = underlay, Port = 4789 };
        _macvlan = new MacvlanSpec("kmv0", parent);
        _macvtap = new MacvtapSpec("kmvt0", parent);
        _tap = new TunSpec("ktap0");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _socket.Dispose();
        _namespace?.Dispose();
        NetworkNamespace.Delete(_namespaceName);
    }

    [Benchmark]
    public void BridgeAddDelete() => AddDelete(_bridge);

    [Benchmark]
    public void VethAddDelete() => AddDelete(_veth);

    [Benchmark]
    public void VxlanAddDelete() => AddDelete(_vxlan);

    [Benchmark]
    public void MacvlanAddDelete() => AddDelete(_macvlan);

    [Benchmark]
    public void MacvtapAddDelete() => AddDelete(_macvtap);

    [Benchmark]
    public void TapAddDelete() => AddDelete(_tap);

    private void AddDelete(LinkSpec spec)
    {
        _socket.AddLink(spec);
        _socket.DeleteLink(spec.Name);
    }
}
