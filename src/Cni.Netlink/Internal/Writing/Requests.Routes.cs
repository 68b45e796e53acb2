using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    /// <summary>RTM_NEWROUTE or RTM_DELROUTE for a <see cref="Cni.Netlink.Route"/>.</summary>
    public static void Route(ref NetlinkWriter writer, uint sequence, ushort type, ushort flags, in Route route)
    {
        var family = RouteFamily(route);
        CheckPrefix(route.DestinationPrefixLength, family, nameof(route));
        var deleting = type == Rtm.DelRoute;
        var table = route.Table == 0 ? Cni.Netlink.Route.MainTable : route.Table;

        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<rtmsg>();
        header.rtm_family = family;
        header.rtm_dst_len = (byte)route.DestinationPrefixLength;
        header.rtm_table = table <= byte.MaxValue ? (byte)table : RtTable.Unspec;
        header.rtm_protocol = route.Protocol == RouteProtocol.Unspecified && !deleting ? Rtprot.Boot : (byte)route.Protocol;
        header.rtm_scope = (byte)(route.Scope ?? DefaultScope(route, family, deleting));
        header.rtm_type = route.Type == RouteType.Unspecified && !deleting ? (byte)RouteType.Unicast : (byte)route.Type;
        header.rtm_flags = route.OnLink ? Rtnh.FOnLink : 0u;

        if (table > byte.MaxValue)
        {
            writer.PutInt32(Rta.Table, table);
        }

        if (route.Destination is not null)
        {
            writer.PutAddress(Rta.Dst, route.Destination);
        }

        if (route.PreferredSource is not null)
        {
            writer.PutAddress(Rta.PrefSrc, route.PreferredSource);
        }

        if (route.Gateway is not null)
        {
            writer.PutAddress(Rta.Gateway, route.Gateway);
        }

        if (route.OutputLinkIndex != 0)
        {
            writer.PutInt32(Rta.Oif, route.OutputLinkIndex);
        }

        if (route.Priority != 0)
        {
            writer.PutUInt32(Rta.Priority, route.Priority);
        }

        if (!route.NextHops.IsEmpty)
        {
            PutMultipath(ref writer, route.NextHops.Span);
        }

        if (route.Mtu != 0 || route.AdvertisedMss != 0)
        {
            var metrics = writer.BeginNested(Rta.Metrics);
            if (route.Mtu != 0)
            {
                writer.PutUInt32(Rtax.Mtu, route.Mtu);
            }

            if (route.AdvertisedMss != 0)
            {
                writer.PutUInt32(Rtax.AdvMss, route.AdvertisedMss);
            }

            writer.EndNested(metrics);
        }

        writer.EndMessage();
    }

    /// <summary>
    /// A route dump; a table other than 0 goes in RTA_TABLE, which the kernel filters on (strict
    /// checking), as <c>ip route show table N</c> sends it.
    /// </summary>
    public static void DumpRoutes(ref NetlinkWriter writer, uint sequence, byte family, int table)
    {
        writer.BeginMessage(Rtm.GetRoute, DumpRequest, sequence);
        writer.Reserve<rtmsg>().rtm_family = family;
        if (table != 0)
        {
            writer.PutInt32(Rta.Table, table);
        }

        writer.EndMessage();
    }

    /// <summary>RTA_MULTIPATH: one struct rtnexthop per path, each followed by its RTA_GATEWAY, rtnh_len covering both.</summary>
    private static void PutMultipath(ref NetlinkWriter writer, ReadOnlySpan<NextHop> hops)
    {
        var multipath = writer.BeginAttribute(Rta.Multipath);
        foreach (ref readonly var hop in hops)
        {
            if (hop.Weight is < 0 or > 256)
            {
                ThrowHelper.ThrowArgument($"A next hop's weight must be 1 to 256 (got {hop.Weight}).", "route");
            }

            var start = writer.Position;
            ref var header = ref writer.Reserve<rtnexthop>();
            header.rtnh_hops = (byte)(hop.Weight == 0 ? 0 : hop.Weight - 1);
            header.rtnh_flags = hop.OnLink ? Rtnh.FOnLink : (byte)0;
            header.rtnh_ifindex = hop.LinkIndex;
            if (hop.Gateway is not null)
            {
                writer.PutAddress(Rta.Gateway, hop.Gateway);
            }

            writer.EndNested(start);
        }

        writer.EndNested(multipath);
    }

    private static byte RouteFamily(in Route route)
    {
        var hops = route.NextHops.Span;
        if (!hops.IsEmpty && (route.Gateway is not null || route.OutputLinkIndex != 0 || route.OnLink))
        {
            ThrowHelper.ThrowArgument("A multipath route sets gateways, links and onlink in its next hops, not on the route.", nameof(route));
        }

        var address = route.Destination ?? route.Gateway ?? route.PreferredSource ?? FirstGateway(hops);
        if (address is null)
        {
            ThrowHelper.ThrowArgument("A route needs a destination, a gateway or a source to tell IPv4 from IPv6.", nameof(route));
        }

        var family = AddressFamilies.Of(address);
        if ((route.Gateway is not null && AddressFamilies.Of(route.Gateway) != family)
            || (route.PreferredSource is not null && AddressFamilies.Of(route.PreferredSource) != family))
        {
            ThrowHelper.ThrowArgument("A route's destination, gateway and source must be of one address family.", nameof(route));
        }

        foreach (ref readonly var hop in hops)
        {
            if (hop.Gateway is not null && AddressFamilies.Of(hop.Gateway) != family)
            {
                ThrowHelper.ThrowArgument("A route's next hops must be of the route's address family.", nameof(route));
            }
        }

        return family;
    }

    private static System.Net.IPAddress? FirstGateway(ReadOnlySpan<NextHop> hops)
    {
        foreach (ref readonly var hop in hops)
        {
            if (hop.Gateway is not null)
            {
                return hop.Gateway;
            }
        }

        return null;
    }

    private static bool HasGateway(in Route route)
        => route.Gateway is not null || FirstGateway(route.NextHops.Span) is not null;

    /// <summary>What <c>ip route</c> picks: any scope to delete, host for local routes, link for a direct IPv4 route (no gateway, on the route or a next hop), else universe.</summary>
    private static RouteScope DefaultScope(in Route route, byte family, bool deleting)
        => deleting ? RouteScope.Nowhere
            : route.Type == RouteType.Local ? RouteScope.Host
            : family == AddressFamilies.Inet && !HasGateway(route) && route.Type is RouteType.Unspecified or RouteType.Unicast ? RouteScope.Link
            : RouteScope.Universe;
}
