using System.Net;
using System.Net.Sockets;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A route as the kernel described it (RTM_NEWROUTE), read in place.</summary>
public readonly ref struct RouteMessage : INetlinkMessage<RouteMessage>
{
    static ushort INetlinkMessage<RouteMessage>.MessageType => Rtm.NewRoute;

    static RouteMessage INetlinkMessage<RouteMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private readonly byte _family;
    private readonly ReadOnlySpan<byte> _multipath;

    private RouteMessage(rtmsg header, ReadOnlySpan<byte> multipath)
    {
        _multipath = multipath;
        _family = header.rtm_family;
        DestinationPrefixLength = header.rtm_dst_len;
        Protocol = (RouteProtocol)header.rtm_protocol;
        Scope = (RouteScope)header.rtm_scope;
        Type = (RouteType)header.rtm_type;
        IsOnLink = (header.rtm_flags & Rtnh.FOnLink) != 0;
    }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily Family => AddressFamilies.FromLinux(_family);

    /// <summary>The destination prefix length; 0 with an empty <see cref="DestinationBytes"/> is the default route.</summary>
    public int DestinationPrefixLength { get; }

    /// <summary>Who installed it.</summary>
    public RouteProtocol Protocol { get; }

    /// <summary>Its scope.</summary>
    public RouteScope Scope { get; }

    /// <summary>Its type.</summary>
    public RouteType Type { get; }

    /// <summary>Whether a single-path route's gateway is reached directly on its link, on no subnet of it (RTNH_F_ONLINK in rtm_flags); a multipath route says it per path (<see cref="NextHopMessage.IsOnLink"/>).</summary>
    public bool IsOnLink { get; }

    /// <summary>The table (RTA_TABLE, else rtm_table): 254 main, 255 local.</summary>
    public int Table { get; private init; }

    /// <summary>The destination (RTA_DST) in network byte order, empty for the default route.</summary>
    public ReadOnlySpan<byte> DestinationBytes { get; private init; }

    /// <summary>The gateway (RTA_GATEWAY), empty when direct.</summary>
    public ReadOnlySpan<byte> GatewayBytes { get; private init; }

    /// <summary>The preferred source address (RTA_PREFSRC), empty when none.</summary>
    public ReadOnlySpan<byte> PreferredSourceBytes { get; private init; }

    /// <summary>The output link's index (RTA_OIF), 0 when none.</summary>
    public int OutputLinkIndex { get; private init; }

    /// <summary>The metric (RTA_PRIORITY).</summary>
    public uint Priority { get; private init; }

    /// <summary>The path MTU metric (RTAX_MTU), 0 when unset.</summary>
    public uint Mtu { get; private init; }

    /// <summary>The advertised MSS metric (RTAX_ADVMSS), 0 when unset.</summary>
    public uint AdvertisedMss { get; private init; }

    /// <summary>Whether the route has several paths (RTA_MULTIPATH); read them with <see cref="NextHops"/>.</summary>
    public bool IsMultipath => !_multipath.IsEmpty;

    /// <summary>The paths of a multipath route (RTA_MULTIPATH), empty for a single path (whose gateway and link are <see cref="GatewayBytes"/> and <see cref="OutputLinkIndex"/>).</summary>
    public NextHopEnumerator NextHops => new(_multipath);

    /// <summary>The destination (allocates); the unspecified address for the default route.</summary>
    /// <returns>The destination address.</returns>
    public IPAddress GetDestination()
        => DestinationBytes.IsEmpty ? (_family == AddressFamilies.Inet6 ? IPAddress.IPv6Any : IPAddress.Any) : new IPAddress(DestinationBytes);

    /// <summary>The gateway (allocates), or <see langword="null"/>.</summary>
    /// <returns>The gateway address.</returns>
    public IPAddress? GetGateway() => GatewayBytes.IsEmpty ? null : new IPAddress(GatewayBytes);

    /// <summary>The preferred source (allocates), or <see langword="null"/>.</summary>
    /// <returns>The source address.</returns>
    public IPAddress? GetPreferredSource() => PreferredSourceBytes.IsEmpty ? null : new IPAddress(PreferredSourceBytes);

    /// <summary>
    /// An owned copy of the route (allocates), to keep after the message's buffer is reused; it
    /// deletes this very route when passed to <see cref="NetlinkSocket.DeleteRoute(in Route)"/>. The
    /// default route's destination is the unspecified address of its family.
    /// </summary>
    /// <returns>The copy.</returns>
    public Route ToRoute()
    {
        NextHop[]? paths = null;
        if (IsMultipath)
        {
            var count = 0;
            foreach (var _ in NextHops)
            {
                count++;
            }

            paths = new NextHop[count];
            var i = 0;
            foreach (var path in NextHops)
            {
                paths[i++] = new NextHop { Gateway = path.GetGateway(), LinkIndex = path.LinkIndex, OnLink = path.IsOnLink, Weight = path.Weight };
            }
        }

        return new Route
        {
            Destination = GetDestination(),
            DestinationPrefixLength = DestinationPrefixLength,
            Gateway = GetGateway(),
            OutputLinkIndex = OutputLinkIndex,
            OnLink = IsOnLink,
            PreferredSource = GetPreferredSource(),
            Scope = Scope,
            Table = Table,
            Priority = Priority,
            Type = Type,
            Protocol = Protocol,
            Mtu = Mtu,
            AdvertisedMss = AdvertisedMss,
            NextHops = paths,
        };
    }

    internal static RouteMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out rtmsg header);
        ReadOnlySpan<byte> destination = default, gateway = default, source = default, multipath = default;
        int table = header.rtm_table, output = 0;
        uint priority = 0, mtu = 0, advmss = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Rta.Dst:
                    destination = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Rta.Gateway:
                    gateway = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Rta.PrefSrc:
                    source = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Rta.Oif:
                    output = attribute.GetInt32();
                    break;
                case Rta.Priority:
                    priority = attribute.GetUInt32();
                    break;
                case Rta.Table:
                    table = attribute.GetInt32();
                    break;
                case Rta.Multipath:
                    multipath = attribute.Value;
                    break;
                case Rta.Metrics:
                    foreach (var metric in attribute.Nested)
                    {
                        if (metric.Type == Rtax.Mtu)
                        {
                            mtu = metric.GetUInt32();
                        }
                        else if (metric.Type == Rtax.AdvMss)
                        {
                            advmss = metric.GetUInt32();
                        }
                    }

                    break;
            }
        }

        return new RouteMessage(header, multipath)
        {
            Table = table,
            DestinationBytes = destination,
            GatewayBytes = gateway,
            PreferredSourceBytes = source,
            OutputLinkIndex = output,
            Priority = priority,
            Mtu = mtu,
            AdvertisedMss = advmss,
        };
    }
}
