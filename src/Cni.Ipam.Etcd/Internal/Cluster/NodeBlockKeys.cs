using System.Text;
using Cni.Ipam.Etcd.Internal.Store;

namespace Cni.Ipam.Etcd.Internal.Cluster;

/// <summary>
/// The keys of node blocks under a prefix <c>P</c> (docs/ipam.md, "Node blocks in etcd"):
/// <c>P/blocks/&lt;block&gt;</c> holds the owning node's name and <c>P/owners/&lt;node&gt;</c> the node's block,
/// both under the owner lease; <c>P/nodes/&lt;node&gt;</c> holds the alive node's record under the alive lease.
/// A block is written <c>010.244.003.000-24</c>, fixed-width as the IPAM store's addresses, so keys sort as blocks.
/// </summary>
internal sealed class NodeBlockKeys(string prefix)
{
    private readonly string _root = prefix.TrimEnd('/');

    public byte[] Blocks => Encoding.UTF8.GetBytes($"{_root}/blocks/");

    public byte[] Nodes => Encoding.UTF8.GetBytes($"{_root}/nodes/");

    public string BlockText(IPCidr block) => $"{_root}/blocks/{SortableAddress.Format(block.Address)}-{block.PrefixLength}";

    public byte[] Block(IPCidr block) => Encoding.UTF8.GetBytes(BlockText(block));

    public byte[] Owner(string nodeName) => Encoding.UTF8.GetBytes($"{_root}/owners/{nodeName}");

    public byte[] Node(string nodeName) => Encoding.UTF8.GetBytes($"{_root}/nodes/{nodeName}");

    /// <summary>The node name a <c>P/nodes/</c> key ends with.</summary>
    public string NodeName(byte[] nodeKey) => Encoding.UTF8.GetString(nodeKey.AsSpan(Nodes.Length));
}
