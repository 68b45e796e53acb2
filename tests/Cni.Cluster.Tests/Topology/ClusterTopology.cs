using Cni.Testing;

namespace Cni.Cluster.Tests.Topology;

/// <summary>An underlay (a bridge in its own namespace) and nodes on it, each with a pod; all deleted in Dispose.</summary>
internal sealed class ClusterTopology : IDisposable
{
    private readonly List<TestNode> _nodes = [];

    private ClusterTopology(TestNamespace underlay) => Underlay = underlay;

    public TestNamespace Underlay { get; }

    public IReadOnlyList<TestNode> Nodes => _nodes;

    public static ClusterTopology Create(int nodeCount)
    {
        var topology = new ClusterTopology(TestNamespace.Create());
        try
        {
            var bridge = topology.Underlay.AddBridge("cnit-ubr");
            for (var number = 1; number <= nodeCount; number++)
            {
                topology._nodes.Add(TestNode.Create(topology.Underlay, bridge, number));
            }

            return topology;
        }
        catch
        {
            topology.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        Underlay.Dispose();
    }
}
