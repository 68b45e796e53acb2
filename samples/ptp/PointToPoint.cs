using System.Net;
using Cni;
using Cni.Netlink;

namespace Ptp;

/// <summary>
/// The routing that makes the veth a point-to-point link, as the reference sets it up. In the
/// container each address's subnet is reached through the gateway (so even its neighbours' traffic
/// goes through the node), and the gateway itself by a /32 (/128) link route. On the node the host
/// end of the veth holds every gateway as a /32 (/128) address, with a host route to each container
/// address. No bridge, no ARP for the subnet: the node routes everything.
/// </summary>
internal static class PointToPoint
{
    /// <summary>In the container, for each address: its subnet route (the kernel's) becomes a link route to the gateway and the subnet via the gateway.</summary>
    public static void RouteContainer(NetlinkSocket container, int linkIndex, IEnumerable<CniIPConfig> ips)
    {
        foreach (var ip in ips)
        {
            var address = ip.Address;
            var gateway = ip.Gateway ?? throw new CniException($"IPAM gave no gateway for {address}: ptp routes the container through one");
            var subnet = new Route
            {
                Destination = address.Network.BaseAddress,
                DestinationPrefixLength = address.PrefixLength,
                OutputLinkIndex = linkIndex,
            };
            try
            {
                container.DeleteRoute(subnet);
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to delete route {Text(subnet)}: {KernelError.Text(e)}", e);
            }

            var toGateway = new Route
            {
                Destination = gateway,
                DestinationPrefixLength = HostPrefix(gateway),
                OutputLinkIndex = linkIndex,
                PreferredSource = address.Address,
                Scope = RouteScope.Link,
            };
            var viaGateway = subnet with { Gateway = gateway, PreferredSource = address.Address, Scope = RouteScope.Universe };
            foreach (var route in (Route[])[toGateway, viaGateway])
            {
                try
                {
                    container.AddRoute(route);
                }
                catch (NetlinkException e)
                {
                    throw new CniException($"failed to add route {Text(route)}: {KernelError.Text(e)}", e);
                }
            }
        }
    }

    /// <summary>On the node: each gateway as a /32 (/128) address of the host veth, and a host route to each container address through it.</summary>
    public static void RouteNode(NetlinkSocket node, LinkInfo hostVeth, IEnumerable<CniIPConfig> ips)
    {
        foreach (var ip in ips)
        {
            var gateway = ip.Gateway!;
            try
            {
                // Every host veth holds the same gateway address: on a point-to-point link that is no conflict.
                node.AddAddress(hostVeth.Index, new IPCidr(gateway, HostPrefix(gateway)));
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to add IP addr {gateway}/{HostPrefix(gateway)} to veth: {KernelError.Text(e)}", e);
            }

            try
            {
                node.AddRoute(new Route
                {
                    Destination = ip.Address.Address,
                    DestinationPrefixLength = HostPrefix(ip.Address.Address),
                    OutputLinkIndex = hostVeth.Index,
                    Scope = RouteScope.Host,
                });
            }
            catch (NetlinkException e) when (e.IsExists)
            {
                // Already there: as the reference, no error.
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to add route on host: {KernelError.Text(e)}", e);
            }
        }
    }

    private static int HostPrefix(IPAddress address) => address.GetAddressBytes().Length * 8;

    // A route as the reference's error messages print one (Go netlink's Route.String).
    private static string Text(in Route route)
        => $"{{Ifindex: {route.OutputLinkIndex} Dst: {route.Destination}/{route.DestinationPrefixLength} Src: {GoText.Address(route.PreferredSource)} Gw: {GoText.Address(route.Gateway)} Flags: [] Table: 0 Realm: 0}}";
}
