using System.Net;

namespace Cni.Cluster.Internal;

/// <summary>What every data plane checks of the desired set before changing anything.</summary>
internal static class RemoteNodeChecks
{
    /// <summary>The network address of a node's block (10.244.2.0 for 10.244.2.7/24).</summary>
    public static IPAddress BlockNetwork(RemoteNode node) => node.PodBlock.Network.BaseAddress;

    /// <summary>Throws when two nodes claim one block: one of them would silently lose its route.</summary>
    public static void BlocksAreDistinct(IReadOnlyCollection<RemoteNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var seen = new Dictionary<IPNetwork, string>();
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
            if (!seen.TryAdd(node.PodBlock.Network, node.Name))
            {
                throw new ArgumentException($"Nodes {seen[node.PodBlock.Network]} and {node.Name} both claim the pod block {node.PodBlock.Network}.", nameof(nodes));
            }
        }
    }
}
