namespace Cni.Ipam.Etcd;

/// <summary>
/// How a cluster's pod address space is cut into per-node blocks and how long a node's claim lives
/// (docs/ipam.md, "Node blocks in etcd").
/// </summary>
public sealed class NodeBlockOptions
{
    /// <summary>The default <see cref="Prefix"/>.</summary>
    public const string DefaultPrefix = "/cni/cluster";

    /// <summary>The cluster's pod address space, for example <c>10.244.0.0/16</c>; every block lies inside it.</summary>
    public required IPCidr ClusterCidr { get; init; }

    /// <summary>The prefix length of one node's block (default 24: a /24 per node, 256 nodes in a /16).</summary>
    public int BlockPrefixLength { get; init; } = 24;

    /// <summary>
    /// How long a node that stops renewing stays listed among the alive nodes (default 10 seconds, whole
    /// seconds). The claim renews its leases every third of it. etcd raises a TTL below its minimum
    /// (1.5 election timeouts, 2 seconds with etcd's defaults) to that minimum.
    /// </summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a node's block stays its own after the node has left the alive nodes (default 60 seconds,
    /// whole seconds): a node back within it gets the same block, and no other node gets it before.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The key prefix under which the blocks and nodes live.</summary>
    public string Prefix { get; init; } = DefaultPrefix;
}
