using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal;

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
        header.rtm_table = table <= byte.MaxValue ? (byte)table : Rta.RtTableUnspec;
        header.rtm_protocol = route.Protocol == RouteProtocol.Unspecified && !deleting ? Rta.RtprotBoot : (byte)route.Protocol;
        header.rtm_scope = (byte)(route.Scope ?? DefaultScope(route, family, deleting));
        header.rtm_type = route.Type == RouteType.Unspecified && !deleting ? (byte)RouteType.Unicast : (byte)route.Type;

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

        if (route.Mtu != 0 || route.AdvertisedMss != 0)
        {
            var metrics = writer.BeginNested(Rta.Metrics);
            if (route.Mtu != 0)
            {
                writer.PutUInt32(Rta.RtaxMtu, route.Mtu);
            }

            if (route.AdvertisedMss != 0)
            {
                writer.PutUInt32(Rta.RtaxAdvMss, route.AdvertisedMss);
            }

            writer.EndNested(metrics);
        }

        writer.EndMessage();
    }

    public static void DumpRoutes(ref NetlinkWriter writer, uint sequence, byte family)
    {
        writer.BeginMessage(Rtm.GetRoute, DumpRequest, sequence);
        writer.Reserve<rtmsg>().rtm_family = family;
        writer.EndMessage();
    }

    private static byte RouteFamily(in Route route)
    {
        var address = route.Destination ?? route.Gateway ?? route.PreferredSource;
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

        return family;
    }

    /// <summary>What <c>ip route</c> picks: any scope to delete, host for local routes, link for a direct IPv4 route, else universe.</summary>
    private static RouteScope DefaultScope(in Route route, byte family, bool deleting)
        => deleting ? RouteScope.Nowhere
            : route.Type == RouteType.Local ? RouteScope.Host
            : family == AddressFamilies.Inet && route.Gateway is null && route.Type is RouteType.Unspecified or RouteType.Unicast ? RouteScope.Link
            : RouteScope.Universe;
}
