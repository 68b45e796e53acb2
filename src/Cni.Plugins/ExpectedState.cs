using System.Net;
using System.Net.Sockets;
using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>
/// CHECK's look at the container's namespace, shared by the reference plugins: the addresses and
/// routes the previous result reported must still be there. The messages are the reference's.
/// </summary>
public static class ExpectedState
{
    /// <summary>Every address is on the interface, and a route to its subnet exists (ValidateExpectedInterfaceIPs).</summary>
    /// <param name="container">A socket in the container's namespace.</param>
    /// <param name="ifName">The interface.</param>
    /// <param name="ips">The addresses the previous result reported for it.</param>
    /// <exception cref="CniException">Something is missing; the message is the reference's.</exception>
    public static void CheckAddresses(NetlinkSocket container, string ifName, IList<CniIPConfig> ips)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(ips);
        var link = new LinkInfo();
        foreach (var ip in ips)
        {
            if (!container.TryGetLink(ifName, link))
            {
                throw new CniException($"Cannot find container link {ifName}");
            }

            var family = ip.Address.Address.AddressFamily;
            var found = false;
            foreach (var address in container.DumpAddresses(family, link.Index))
            {
                found |= address.PrefixLength == ip.Address.PrefixLength && address.GetAddress().Equals(ip.Address.Address);
            }

            if (!found)
            {
                throw new CniException($"Failed to match addr {ip.Address} on interface {ifName}");
            }

            if (!HasRoute(container, family, ip.Address.Network.BaseAddress, ip.Address.PrefixLength, gateway: null))
            {
                throw new CniException($"Failed to find Gateway {GoText.Address(ip.Gateway)} for interface {ifName}");
            }
        }
    }

    /// <summary>
    /// Every route is in the main table, with its gateway when it names one (ValidateExpectedRoute);
    /// a gateway may be one next hop of a multipath route (IPv6 joins two networks' default routes).
    /// </summary>
    /// <param name="container">A socket in the container's namespace.</param>
    /// <param name="routes">The routes the previous result reported.</param>
    /// <exception cref="CniException">A route is missing; the message is the reference's.</exception>
    public static void CheckRoutes(NetlinkSocket container, IList<CniRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes)
        {
            var destination = route.Destination;
            if (!HasRoute(container, destination.Address.AddressFamily, destination.Network.BaseAddress, destination.PrefixLength, route.Gateway))
            {
                throw new CniException($"Expected Route {{Dst:{{IP:{destination.Network.BaseAddress} Mask:{GoText.Mask(destination)}}} GW:{GoText.Address(route.Gateway)}}} not found in routing table");
            }
        }
    }

    // A route in the main table with this destination (and gateway, when one is given).
    private static bool HasRoute(NetlinkSocket container, AddressFamily family, IPAddress destination, int prefixLength, IPAddress? gateway)
    {
        foreach (var route in container.DumpRoutes(family, Route.MainTable))
        {
            if (route.DestinationPrefixLength == prefixLength
                && (prefixLength == 0 || route.GetDestination().Equals(destination))
                && (gateway is null || HasGateway(route, gateway)))
            {
                return true;
            }
        }

        return false;
    }

    // IPv6 joins the default routes of two networks into one multipath route: the gateway is then one of its next hops.
    private static bool HasGateway(RouteMessage route, IPAddress gateway)
    {
        if (gateway.Equals(route.GetGateway()))
        {
            return true;
        }

        foreach (var hop in route.NextHops)
        {
            if (gateway.Equals(hop.GetGateway()))
            {
                return true;
            }
        }

        return false;
    }
}
