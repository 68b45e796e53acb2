using Cni.Cluster.Internal;
using Cni.Netlink;

namespace Cni.Cluster;

/// <summary>
/// host-gw: per remote node one route, <c>its block via its underlay address dev UNDERLAY proto 77</c>.
/// No encapsulation, so the nodes must share one layer-2 network (each remote underlay address is a
/// neighbour on the underlay link). Packets keep their pod source addresses end to end.
/// </summary>
public sealed class HostGatewayDataPlane : IClusterDataPlane
{
    private readonly NetlinkSocket _socket;
    private readonly int _underlayIndex;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>A data plane over the node's network namespace.</summary>
    /// <param name="socket">A socket in the node's network namespace; the caller keeps owning it.</param>
    /// <param name="underlayLinkIndex">The index of the link the nodes share (eth0 on a real node).</param>
    public HostGatewayDataPlane(NetlinkSocket socket, int underlayLinkIndex)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(underlayLinkIndex);
        _socket = socket;
        _underlayIndex = underlayLinkIndex;
    }

    /// <summary>A data plane over the node's network namespace.</summary>
    /// <param name="socket">A socket in the node's network namespace; the caller keeps owning it.</param>
    /// <param name="underlayLinkName">The name of the link the nodes share (eth0 on a real node).</param>
    /// <exception cref="NetlinkException">There is no such link (<see cref="NetlinkException.IsNotFound"/>).</exception>
    public HostGatewayDataPlane(NetlinkSocket socket, string underlayLinkName)
        : this(socket, (socket ?? throw new ArgumentNullException(nameof(socket))).GetLink(underlayLinkName).Index)
    {
    }

    /// <inheritdoc/>
    public void Sync(IReadOnlyCollection<RemoteNode> remoteNodes)
    {
        RemoteNodeChecks.BlocksAreDistinct(remoteNodes);
        var routes = new List<Route>(remoteNodes.Count);
        foreach (var node in remoteNodes)
        {
            if (node.UnderlayAddress.AddressFamily != node.PodBlock.Address.AddressFamily)
            {
                throw new ArgumentException($"Node {node.Name}: its pod block {node.PodBlock} and its underlay address {node.UnderlayAddress} are of different families; host-gw routes one through the other.", nameof(remoteNodes));
            }

            routes.Add(new Route
            {
                Destination = RemoteNodeChecks.BlockNetwork(node),
                DestinationPrefixLength = node.PodBlock.PrefixLength,
                Gateway = node.UnderlayAddress,
                OutputLinkIndex = _underlayIndex,
                Protocol = ClusterRoutes.Protocol,
            });
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var failures = new List<Exception>();
            OwnedRoutes.Sync(_socket, routes, failures);
            SyncFailures.ThrowIfAny(failures, "host-gw sync");
        }
    }

    /// <summary>Ends the data plane's use of the socket. The routes stay: a restarted agent finds them and syncs them again.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }
    }
}
