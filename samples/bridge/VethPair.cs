using System.Globalization;
using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// The veth pair that plugs a container into the bridge: the container end (CNI_IFNAME) is created
/// directly inside the container's namespace in the same request as the host end, so it never
/// appears on the node and is never moved; the host end is created up and already on the bridge.
/// </summary>
internal sealed class VethPair
{
    private const int NameAttempts = 10;

    private VethPair(LinkInfo host, LinkInfo container)
    {
        Host = host;
        Container = container;
    }

    /// <summary>The node's end (<c>vethXXXXXXXX</c>), a port of the bridge.</summary>
    public LinkInfo Host { get; }

    /// <summary>The container's end, read back in the container's namespace (index and MAC).</summary>
    public LinkInfo Container { get; }

    public static VethPair Create(NetlinkSocket node, ContainerNamespace container, int bridgeIndex, string ifName, BridgeConfig config, string? mac, Rollback rollback)
    {
        var address = mac is null ? null
            : MacAddress.TryParse(mac) ?? throw new CniException($"failed to make veth pair: address {mac}: invalid MAC address");
        if (container.Socket.TryGetLink(ifName, new LinkInfo()))
        {
            throw new CniException($"container veth name provided ({ifName}) already exists");
        }

        for (var attempt = 0; attempt < NameAttempts; attempt++)
        {
            // Not a secret, so no cryptographic generator: that would load OpenSSL, a few ms of every ADD.
            var hostName = "veth" + Random.Shared.NextInt64(0x1_0000_0000).ToString("x8", CultureInfo.InvariantCulture);
            try
            {
                node.AddLink(new VethSpec(hostName, ifName)
                {
                    Mtu = config.Mtu > 0 ? config.Mtu : null,
                    // Both ends without a queue length, as the reference makes them (its netlink library sends 0).
                    TransmitQueueLength = 0,
                    MasterIndex = bridgeIndex,
                    Up = true,
                    PeerNamespace = container.Handle,
                    PeerHardwareAddress = address,
                });
            }
            catch (NetlinkException e) when (e.IsExists)
            {
                // The container name was free a moment ago, so the random host name is taken: try another.
                continue;
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to make veth pair: {KernelError.Text(e)}", e);
            }

            // Deleting either end deletes both.
            rollback.Add($"delete veth {hostName}", () => node.DeleteLink(hostName));
            return Configure(node, container.Socket, hostName, ifName, config);
        }

        throw new CniException("failed to find a unique veth name");
    }

    private static VethPair Configure(NetlinkSocket node, NetlinkSocket container, string hostName, string ifName, BridgeConfig config)
    {
        LinkInfo host;
        try
        {
            host = node.GetLink(hostName);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to lookup \"{hostName}\": {KernelError.Text(e)}", e);
        }

        NodeSysctl.TryWrite($"net/ipv6/conf/{hostName}/accept_ra", "0");
        try
        {
            // Both flags set either way, as the reference sets them (isolation since its 1.5).
            node.SetBridgePort(host.Index, new BridgePortSettings { Hairpin = config.HairpinMode, Isolated = config.PortIsolation });
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to setup hairpin mode for {hostName}: {KernelError.Text(e)}", e);
        }

        if (config.Vlan != 0)
        {
            try
            {
                node.AddBridgeVlan(host.Index, new BridgeVlan((ushort)config.Vlan) { Pvid = true, Untagged = true });
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to setup vlan tag on interface \"{hostName}\": {KernelError.Text(e)}", e);
            }
        }

        return new VethPair(host, container.GetLink(ifName));
    }
}
