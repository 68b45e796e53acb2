using System.Globalization;
using Cni.Netlink;

namespace Cni.Samples;

/// <summary>
/// The veth pair that plugs a container into the node: the container end (CNI_IFNAME) is created
/// directly inside the container's namespace in the same request as the host end, so it never
/// appears on the node and is never moved; the host end is created up (and, for a bridge, already
/// its port). The container end stays down until its addresses are configured.
/// </summary>
internal sealed class VethPair
{
    private const int NameAttempts = 10;

    private VethPair(LinkInfo host, LinkInfo container)
    {
        Host = host;
        Container = container;
    }

    /// <summary>The node's end (<c>vethXXXXXXXX</c>).</summary>
    public LinkInfo Host { get; }

    /// <summary>The container's end, read back in the container's namespace (index and MAC).</summary>
    public LinkInfo Container { get; }

    /// <summary>
    /// Creates the pair with a free random host name; on a later failure of the ADD the rollback
    /// deletes it. <paramref name="mtu"/> 0 keeps the kernel's default; <paramref name="masterIndex"/>
    /// makes the host end a port of that bridge.
    /// </summary>
    public static VethPair Create(NetlinkSocket node, ContainerNamespace container, string ifName, int mtu, string? mac, int? masterIndex, Rollback rollback)
    {
        var address = mac is null ? null
            : MacAddress.TryParse(mac) ?? throw new CniException($"failed to make veth pair: address {mac}: invalid MAC address");
        if (container.Socket.TryGetLink(ifName, new LinkInfo()))
        {
            throw new CniException($"container veth name provided ({ifName}) already exists");
        }

        for (var attempt = 0; attempt < NameAttempts; attempt++)
        {
            var hostName = RandomHostName();
            try
            {
                node.AddLink(new VethSpec(hostName, ifName)
                {
                    Mtu = mtu > 0 ? mtu : null,
                    // Both ends without a queue length, as the reference makes them (its netlink library sends 0).
                    TransmitQueueLength = 0,
                    MasterIndex = masterIndex,
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
            return new VethPair(host, container.Socket.GetLink(ifName));
        }

        throw new CniException("failed to find a unique veth name");
    }

    /// <summary><c>veth</c> and 8 random hex digits, as the reference names the node's end.</summary>
    // Not a secret, so no cryptographic generator: that would load OpenSSL, a few ms of every ADD.
    public static string RandomHostName() => "veth" + Random.Shared.NextInt64(0x1_0000_0000).ToString("x8", CultureInfo.InvariantCulture);
}
