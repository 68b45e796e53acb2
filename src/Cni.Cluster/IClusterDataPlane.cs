namespace Cni.Cluster;

/// <summary>
/// What makes the other nodes' pod blocks reachable from this node, without NAT: routes through
/// their underlay addresses (<see cref="HostGatewayDataPlane"/>) or through one VXLAN device
/// (<see cref="VxlanDataPlane"/>). It owns only what it programs: routes of protocol
/// <see cref="ClusterRoutes.Protocol"/>, and for VXLAN the entries of its own device.
/// </summary>
public interface IClusterDataPlane : IDisposable
{
    /// <summary>
    /// Makes the kernel match the whole desired set of other nodes: adds what is missing, replaces
    /// what changed (a node's underlay address or VTEP address), removes what belongs to nodes no
    /// longer in the set, and leaves everything it does not own alone. Idempotent: a second call,
    /// or a new instance over the state an earlier agent left, changes nothing that is right.
    /// </summary>
    /// <param name="remoteNodes">Every other node of the cluster (this node excluded).</param>
    /// <exception cref="ArgumentException">Two nodes share a pod block or a VTEP address, or a node's addresses are of a family the data plane cannot serve.</exception>
    /// <exception cref="AggregateException">The kernel refused some entries (each a <see cref="Netlink.NetlinkException"/>); all the others were programmed, and the next call tries them again.</exception>
    /// <exception cref="ObjectDisposedException">The data plane was disposed.</exception>
    void Sync(IReadOnlyCollection<RemoteNode> remoteNodes);
}
