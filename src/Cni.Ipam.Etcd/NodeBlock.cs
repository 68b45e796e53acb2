using System.Net;
using System.Net.NetworkInformation;

namespace Cni.Ipam.Etcd;

/// <summary>A node of the cluster network and the pod block it holds.</summary>
/// <param name="NodeName">The node's name, unique in the cluster (a Kubernetes node name).</param>
/// <param name="Block">The node's pod block, inside the cluster CIDR.</param>
/// <param name="UnderlayAddress">The node's address on the network between the nodes: the next hop to its block.</param>
/// <param name="VtepAddress">The MAC address of the node's VXLAN device, or <see langword="null"/> when the cluster routes without VXLAN (host-gw).</param>
public sealed record NodeBlock(string NodeName, IPCidr Block, IPAddress UnderlayAddress, PhysicalAddress? VtepAddress);
