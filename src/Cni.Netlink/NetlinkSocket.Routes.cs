using System.Net.Sockets;
using Cni.Interop;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>Adds a route (RTM_NEWROUTE with NLM_F_CREATE | NLM_F_EXCL).</summary>
    /// <param name="route">The route.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when it is there; ENETUNREACH when the gateway is not reachable).</exception>
    public void AddRoute(in Route route) => RouteRequest(Rtm.NewRoute, Requests.CreateExclusive, route, "add route");

    /// <summary>
    /// Adds a route next to those the table already has for the same destination (RTM_NEWROUTE with
    /// NLM_F_CREATE and without NLM_F_EXCL, what vishvananda/netlink calls RouteAddEcmp and the
    /// reference plugins use for a result's routes). IPv4 keeps both routes, the newest first; IPv6
    /// joins two gateway routes of one metric into a multipath route. Only an identical route is refused.
    /// </summary>
    /// <param name="route">The route.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when this very route is there; ENETUNREACH when the gateway is not reachable).</exception>
    public void AddRouteAlongside(in Route route) => RouteRequest(Rtm.NewRoute, Requests.Create, route, "add route");

    /// <summary>Adds a route or replaces the one with the same destination, table, TOS and priority.</summary>
    /// <param name="route">The route.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void ReplaceRoute(in Route route) => RouteRequest(Rtm.NewRoute, Requests.CreateOrReplace, route, "replace route");

    /// <summary>Deletes the first route that matches; unset fields match anything.</summary>
    /// <param name="route">The route.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when none matches).</exception>
    public void DeleteRoute(in Route route) => RouteRequest(Rtm.DelRoute, Requests.Ack, route, "delete route");

    /// <summary>Lists routes, of every table or of one; the kernel does the filtering.</summary>
    /// <param name="family">IPv4, IPv6, or <see cref="AddressFamily.Unspecified"/> for both.</param>
    /// <param name="table">One table (254 main, 255 local, or any other), or 0 for every table.</param>
    /// <returns>The routes, to read with <c>foreach</c>; valid until the next dump on this socket. A table that does not exist gives no routes.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<RouteMessage> DumpRoutes(AddressFamily family = AddressFamily.Unspecified, int table = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(table);
        var linuxFamily = AddressFamilies.ToLinux(family);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpRoutes(ref writer, sequence, linuxFamily, table);
            try
            {
                var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump routes", out var generation, out var replySequence);
                return new NetlinkDump<RouteMessage>(this, messages, replySequence, generation);
            }
            catch (NetlinkException ex) when (table != 0 && ex.ErrorNumber == Errno.ENOENT)
            {
                // A one-family dump of a table the kernel never made answers ENOENT ("FIB table does not exist"): no routes.
                return new NetlinkDump<RouteMessage>(this, default, sequence, ++_dumpGeneration);
            }
        }
    }

    private void RouteRequest(ushort type, ushort flags, in Route route, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Route(ref writer, sequence, type, flags, route);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
