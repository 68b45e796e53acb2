namespace Cni.Cluster.Tests.Topology;

/// <summary>A data plane of either mode on every node, synced with the others.</summary>
internal sealed class DataPlanes : IDisposable
{
    public const string HostGateway = "host-gw";
    public const string Vxlan = "vxlan";

    private readonly IClusterDataPlane[] _planes;

    public DataPlanes(ClusterTopology cluster, string mode)
    {
        Cluster = cluster;
        Mode = mode;
        _planes = [.. cluster.Nodes.Select(node => Create(node, mode))];
    }

    public ClusterTopology Cluster { get; }

    public string Mode { get; }

    /// <summary>The VXLAN device's name in vxlan mode, the underlay's in host-gw mode: where the entries go.</summary>
    public string Device => Mode == Vxlan ? VxlanDataPlane.DefaultDeviceName : "eth0";

    public IClusterDataPlane this[int index] => _planes[index];

    public static IClusterDataPlane Create(TestNode node, string mode) => mode switch
    {
        HostGateway => new HostGatewayDataPlane(node.Host.Socket, "eth0"),
        Vxlan => new VxlanDataPlane(node.Host.Socket, node.UnderlayIndex, node.UnderlayAddress, node.Block),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "host-gw or vxlan"),
    };

    /// <summary>The other nodes, as the cluster would describe them to one node.</summary>
    public List<RemoteNode> OthersOf(int index, params int[] leaving)
        => [.. Cluster.Nodes.Select((node, i) => (node, i)).Where(n => n.i != index && !leaving.Contains(n.i)).Select(n => n.node.AsRemote(_planes[n.i]))];

    /// <summary>Every node syncs with all the others.</summary>
    public void SyncAll()
    {
        for (var i = 0; i < _planes.Length; i++)
        {
            _planes[i].Sync(OthersOf(i));
        }
    }

    /// <summary>Replaces one node's data plane with a new instance, as a restarted agent makes.</summary>
    public IClusterDataPlane Restart(int index)
    {
        _planes[index].Dispose();
        return _planes[index] = Create(Cluster.Nodes[index], Mode);
    }

    public void Dispose()
    {
        foreach (var plane in _planes)
        {
            plane.Dispose();
        }
    }
}
