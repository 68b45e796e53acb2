using System.Net;
using Cni.Netlink;

namespace Cni.Cluster.Internal;

/// <summary>
/// Reconciles the main table's routes of protocol <see cref="ClusterRoutes.Protocol"/> with the
/// routes a data plane wants: one route per destination, found again by its protocol after a restart.
/// </summary>
internal static class OwnedRoutes
{
    /// <summary>The metric the kernel gives an IPv6 route added with none.</summary>
    private const uint DefaultIPv6Metric = 1024;

    /// <summary>Adds the missing routes, replaces the changed ones and deletes the rest of the owned routes.</summary>
    /// <param name="socket">The node's socket.</param>
    /// <param name="desired">The routes to have, each with a distinct destination and <see cref="ClusterRoutes.Protocol"/>.</param>
    /// <param name="failures">Where the kernel's refusals go; the other routes are still programmed.</param>
    public static void Sync(NetlinkSocket socket, IReadOnlyList<Route> desired, List<Exception> failures)
    {
        var wanted = new Dictionary<(IPAddress, int), Route>();
        foreach (var route in desired)
        {
            wanted.Add((route.Destination!, route.DestinationPrefixLength), route);
        }

        // Per destination at most one owned route stays: the wanted one if it is there, else one to
        // replace in place (no moment without a route). Extra routes to one destination (left by a
        // crashed agent that added alongside, or with another metric) and routes to destinations no
        // longer wanted are deleted.
        var present = new HashSet<(IPAddress, int)>();
        foreach (var group in Read(socket).GroupBy(route => (route.Destination!, route.DestinationPrefixLength)))
        {
            var keep = (Route?)null;
            if (wanted.TryGetValue(group.Key, out var want))
            {
                keep = group.Contains(want) ? want : group.Where(route => route.Priority == 0).Select(route => (Route?)route).FirstOrDefault();
                if (keep == want)
                {
                    wanted.Remove(group.Key);
                }
                else if (keep is not null)
                {
                    present.Add(group.Key);
                }
            }

            foreach (var route in group)
            {
                if (route != keep)
                {
                    SyncFailures.Run(failures, () => Delete(socket, route));
                }
            }
        }

        foreach (var (key, route) in wanted)
        {
            // Replace only a route this data plane owns; a new destination is added exclusively, so
            // someone else's route to it is refused (EEXIST), never overwritten.
            SyncFailures.Run(failures, () =>
            {
                if (present.Contains(key))
                {
                    socket.ReplaceRoute(route);
                }
                else
                {
                    socket.AddRoute(route);
                }
            });
        }
    }

    /// <summary>The owned routes, as requests that would add them again.</summary>
    private static List<Route> Read(NetlinkSocket socket)
    {
        var routes = new List<Route>();
        foreach (var message in socket.DumpRoutes(System.Net.Sockets.AddressFamily.Unspecified, Route.MainTable))
        {
            if (message.Protocol != ClusterRoutes.Protocol)
            {
                continue;
            }

            routes.Add(new Route
            {
                Destination = message.GetDestination(),
                DestinationPrefixLength = message.DestinationPrefixLength,
                Gateway = message.GetGateway(),
                OutputLinkIndex = message.OutputLinkIndex,
                OnLink = message.IsOnLink,
                Priority = message.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 && message.Priority == DefaultIPv6Metric ? 0 : message.Priority,
                Protocol = ClusterRoutes.Protocol,
            });
        }

        return routes;
    }

    private static void Delete(NetlinkSocket socket, Route route)
    {
        try
        {
            socket.DeleteRoute(route with { Priority = route.Priority == 0 && route.Destination!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DefaultIPv6Metric : route.Priority });
        }
        catch (NetlinkException ex) when (ex.IsNotFound)
        {
            // Gone already (its link went away, or another agent instance removed it).
        }
    }
}
