using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Cni.Cluster.Internal;
using Cni.Netlink;

namespace Cni.Cluster;

/// <summary>
/// vxlan, as flannel's VXLAN backend: one VXLAN device (learning off, the local underlay address as
/// the tunnel's source, MTU the underlay's minus <see cref="Overhead"/>) holding this node's block
/// network address as a /32, and per remote node three entries on it: a route <c>its block via its
/// block's network address onlink</c>, a permanent neighbour entry from that address to the remote
/// device's MAC address (its <see cref="RemoteNode.VtepAddress"/>), and a forwarding database entry
/// from that MAC address to the remote's underlay address. IPv4 only.
/// </summary>
public sealed class VxlanDataPlane : IClusterDataPlane
{
    /// <summary>The device's name unless the caller gives one.</summary>
    public const string DefaultDeviceName = "cni-vxlan";

    /// <summary>The VXLAN network identifier unless the caller gives one.</summary>
    public const int DefaultVni = 1;

    /// <summary>The UDP port unless the caller gives one: IANA's VXLAN port (the kernel's own default is 8472).</summary>
    public const ushort DefaultPort = 4789;

    /// <summary>What encapsulation adds to each packet: outer IPv4 (20), UDP (8), VXLAN (8) and inner Ethernet (14) headers.</summary>
    public const int Overhead = 50;

    private readonly NetlinkSocket _socket;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>
    /// Creates the VXLAN device, or reuses the one an earlier agent left when its settings match
    /// (its MAC address, which the other nodes know, stays); a device of that name with other
    /// settings is deleted and created again.
    /// </summary>
    /// <param name="socket">A socket in the node's network namespace; the caller keeps owning it.</param>
    /// <param name="underlayLinkIndex">The index of the link the nodes share (eth0 on a real node: <c>socket.GetLink("eth0").Index</c>).</param>
    /// <param name="underlayAddress">This node's IPv4 address on that link: the tunnel's source.</param>
    /// <param name="podBlock">This node's own pod block; the device holds its network address as a /32.</param>
    /// <param name="deviceName">The VXLAN device's name.</param>
    /// <param name="vni">The VXLAN network identifier, the same on every node.</param>
    /// <param name="port">The UDP port, the same on every node.</param>
    /// <exception cref="ArgumentException">The addresses are not IPv4.</exception>
    /// <exception cref="NetlinkException">The kernel refused (no such underlay link, no VXLAN support).</exception>
    public VxlanDataPlane(NetlinkSocket socket, int underlayLinkIndex, IPAddress underlayAddress, IPCidr podBlock, string deviceName = DefaultDeviceName, int vni = DefaultVni, ushort port = DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(underlayAddress);
        ArgumentException.ThrowIfNullOrEmpty(deviceName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(underlayLinkIndex);
        if (underlayAddress.AddressFamily != AddressFamily.InterNetwork || !podBlock.IsIPv4)
        {
            throw new ArgumentException($"The vxlan data plane is IPv4 only (underlay address {underlayAddress}, pod block {podBlock}).", nameof(underlayAddress));
        }

        _socket = socket;
        DeviceName = deviceName;
        VtepAddress = VtepAddressFor(underlayAddress);
        var device = VxlanDevice.Ensure(socket, new VxlanDevice.Settings(deviceName, vni, port, underlayLinkIndex, underlayAddress, podBlock.Network.BaseAddress, VtepAddress));
        DeviceIndex = device.Index;
    }

    /// <summary>
    /// The VXLAN device's MAC address on the node with this underlay address: <c>0e:c1</c> (a locally
    /// administered unicast prefix) and the address's four bytes. Known before the device exists, so an
    /// agent publishes it with its block claim, and the same after the device is made again.
    /// </summary>
    /// <param name="underlayAddress">The node's IPv4 underlay address.</param>
    /// <returns>The MAC address.</returns>
    /// <exception cref="ArgumentException">The address is not IPv4.</exception>
    public static PhysicalAddress VtepAddressFor(IPAddress underlayAddress)
    {
        ArgumentNullException.ThrowIfNull(underlayAddress);
        if (underlayAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"The vxlan data plane is IPv4 only (underlay address {underlayAddress}).", nameof(underlayAddress));
        }

        Span<byte> mac = [0x0e, 0xc1, 0, 0, 0, 0];
        underlayAddress.TryWriteBytes(mac[2..], out _);
        return new PhysicalAddress(mac.ToArray());
    }

    /// <summary>The VXLAN device's name.</summary>
    public string DeviceName { get; }

    /// <summary>The VXLAN device's index.</summary>
    public int DeviceIndex { get; }

    /// <summary>The VXLAN device's MAC address (<see cref="VtepAddressFor"/>): what the other nodes need as this node's <see cref="RemoteNode.VtepAddress"/>.</summary>
    public PhysicalAddress VtepAddress { get; }

    /// <inheritdoc/>
    /// <remarks>A node without a <see cref="RemoteNode.VtepAddress"/> has not published one yet: it gets no entries until it has.</remarks>
    public void Sync(IReadOnlyCollection<RemoteNode> remoteNodes)
    {
        RemoteNodeChecks.BlocksAreDistinct(remoteNodes);
        var remotes = new List<(RemoteNode Node, IPAddress Network, byte[] Mac)>(remoteNodes.Count);
        var macs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in remoteNodes)
        {
            if (node.VtepAddress is null)
            {
                continue;
            }

            if (!node.PodBlock.IsIPv4 || node.UnderlayAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new ArgumentException($"Node {node.Name}: the vxlan data plane is IPv4 only (pod block {node.PodBlock}, underlay address {node.UnderlayAddress}).", nameof(remoteNodes));
            }

            var mac = node.VtepAddress.GetAddressBytes();
            if (mac.Length != 6 || !macs.TryAdd(Convert.ToHexString(mac), node.Name))
            {
                throw new ArgumentException(mac.Length != 6
                    ? $"Node {node.Name}: a VTEP address has 6 bytes (got {mac.Length})."
                    : $"Nodes {macs[Convert.ToHexString(mac)]} and {node.Name} have the same VTEP address {node.VtepAddress}.", nameof(remoteNodes));
            }

            remotes.Add((node, RemoteNodeChecks.BlockNetwork(node), mac));
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var failures = new List<Exception>();
            SyncNeighbors(remotes, failures);
            SyncFdb(remotes, failures);
            var routes = remotes.ConvertAll(r => new Route
            {
                Destination = r.Network,
                DestinationPrefixLength = r.Node.PodBlock.PrefixLength,
                Gateway = r.Network,
                OutputLinkIndex = DeviceIndex,
                OnLink = true,
                Protocol = ClusterRoutes.Protocol,
            });
            OwnedRoutes.Sync(_socket, routes, failures);
            SyncFailures.ThrowIfAny(failures, $"vxlan sync ({DeviceName})");
        }
    }

    /// <summary>Ends the data plane's use of the socket. The device and its entries stay: a restarted agent reuses them.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }
    }

    /// <summary>Every permanent IPv4 neighbour entry on the device is ours: one per remote block network, to the remote's VTEP address.</summary>
    private void SyncNeighbors(List<(RemoteNode Node, IPAddress Network, byte[] Mac)> remotes, List<Exception> failures)
    {
        var current = new Dictionary<IPAddress, byte[]>();
        foreach (var neighbor in _socket.DumpNeighbors(AddressFamily.InterNetwork, DeviceIndex))
        {
            if ((neighbor.State & NeighborState.Permanent) != 0)
            {
                current[neighbor.GetAddress()] = neighbor.HardwareAddress.ToArray();
            }
        }

        foreach (var (_, network, mac) in remotes)
        {
            if (current.Remove(network, out var had) && had.AsSpan().SequenceEqual(mac))
            {
                continue;
            }

            SyncFailures.Run(failures, () => _socket.ReplaceNeighbor(new Neighbor { LinkIndex = DeviceIndex, Address = network, HardwareAddress = mac }));
        }

        foreach (var address in current.Keys)
        {
            SyncFailures.Run(failures, () => IgnoringNotFound(() => _socket.DeleteNeighbor(new Neighbor { LinkIndex = DeviceIndex, Address = address })));
        }
    }

    /// <summary>Every forwarding database entry with a remote on the device is ours: one per remote VTEP address, to the remote's underlay address.</summary>
    private void SyncFdb(List<(RemoteNode Node, IPAddress Network, byte[] Mac)> remotes, List<Exception> failures)
    {
        var current = new List<(byte[] Mac, IPAddress Destination)>();
        foreach (var entry in _socket.DumpFdb(DeviceIndex))
        {
            if (!entry.DestinationBytes.IsEmpty)
            {
                current.Add((entry.HardwareAddress.ToArray(), entry.GetDestination()!));
            }
        }

        var wanted = remotes.ToDictionary(r => Convert.ToHexString(r.Mac), r => r.Node.UnderlayAddress, StringComparer.Ordinal);
        var inPlace = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (mac, destination) in current)
        {
            var key = Convert.ToHexString(mac);
            if (wanted.TryGetValue(key, out var want) && want.Equals(destination) && inPlace.Add(key))
            {
                continue;
            }

            SyncFailures.Run(failures, () => IgnoringNotFound(() => _socket.DeleteFdbEntry(new FdbEntry { LinkIndex = DeviceIndex, HardwareAddress = mac, Destination = destination })));
        }

        foreach (var (_, _, mac) in remotes)
        {
            var key = Convert.ToHexString(mac);
            if (!inPlace.Contains(key))
            {
                SyncFailures.Run(failures, () => _socket.ReplaceFdbEntry(new FdbEntry { LinkIndex = DeviceIndex, HardwareAddress = mac, Destination = wanted[key] }));
            }
        }
    }

    private static void IgnoringNotFound(Action delete)
    {
        try
        {
            delete();
        }
        catch (NetlinkException ex) when (ex.IsNotFound)
        {
            // Gone already.
        }
    }
}
