using System.Globalization;
using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>
/// The veth pair that plugs a container into the node: the container end (CNI_IFNAME) is created
/// directly inside the container's namespace in the same request as the host end, so it never
/// appears on the node and is never moved; the host end is created up (and, for a bridge, already
/// its port). The container end stays down until its addresses are configured.
/// </summary>
public sealed class VethPair
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
    /// deletes it.
    /// </summary>
    /// <param name="node">A socket in the node's namespace.</param>
    /// <param name="container">The container's namespace.</param>
    /// <param name="ifName">The container end's name (CNI_IFNAME); it must not exist yet.</param>
    /// <param name="mtu">Both ends' MTU, or 0 for the kernel's default.</param>
    /// <param name="mac">The container end's MAC (from CNI_ARGS or runtimeConfig), or null for a random one.</param>
    /// <param name="masterIndex">The bridge the host end becomes a port of, or null.</param>
    /// <param name="rollback">Where the deletion of the pair is recorded.</param>
    /// <returns>Both ends, read back.</returns>
    /// <exception cref="CniException">The name is taken, the MAC is malformed, or the kernel refused; the messages are the reference's.</exception>
    public static VethPair Create(NetlinkSocket node, ContainerNamespace container, string ifName, int mtu, string? mac, int? masterIndex, Rollback rollback)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(rollback);
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

            Sysctl.TryWrite($"net/ipv6/conf/{hostName}/accept_ra", "0");
            return new VethPair(host, container.Socket.GetLink(ifName));
        }

        throw new CniException("failed to find a unique veth name");
    }

    /// <summary><c>veth</c> and 8 random hex digits, as the reference names the node's end.</summary>
    /// <returns>A name such as <c>veth1a2b3c4d</c>.</returns>
    // Not a secret, so no cryptographic generator: that would load OpenSSL, a few ms of every ADD.
    public static string RandomHostName() => "veth" + Random.Shared.NextInt64(0x1_0000_0000).ToString("x8", CultureInfo.InvariantCulture);
}
