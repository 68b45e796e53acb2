using System.Net;
using System.Net.NetworkInformation;

namespace Cni.Cluster;

/// <summary>Another node of the cluster, as this node's data plane needs it.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="PodBlock">The block of the cluster CIDR its pods get addresses from.</param>
/// <param name="UnderlayAddress">Its address on the network the nodes share (host-gw's gateway, VXLAN's remote tunnel endpoint).</param>
/// <param name="VtepAddress">The MAC address of its VXLAN device (<see cref="VxlanDataPlane.VtepAddress"/>), <see langword="null"/> when it has not published one or the cluster runs host-gw.</param>
public sealed record RemoteNode(string Name, IPCidr PodBlock, IPAddress UnderlayAddress, PhysicalAddress? VtepAddress);
