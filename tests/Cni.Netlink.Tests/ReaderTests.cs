using System.Net;
using System.Net.Sockets;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Internal.Writing;
using CsCheck;

namespace Cni.Netlink.Tests;

/// <summary>
/// The readers over kernel replies: correct values from well-formed messages, and for any
/// truncated, split or corrupted input only <see cref="NetlinkException"/> (EBADMSG), never an
/// out-of-range read.
/// </summary>
public class ReaderTests
{
    public static TheoryData<string> Kinds => ["link", "bridge-link", "bridge-port", "address", "route", "multipath-route", "neighbor", "rule", "qdisc", "filter", "error", "done"];

    [Fact]
    public void Link_message_reads_every_field()
    {
        var dump = new NetlinkDump<LinkMessage>(null, KernelReplies.Link(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var link = dump.Current;
        Assert.Equal(7, link.Index);
        Assert.Equal("veth1234", link.GetName());
        Assert.True(link.NameEquals("veth1234"));
        Assert.False(link.NameEquals("veth123"));
        Assert.Equal("veth"u8.ToArray(), link.KindUtf8.ToArray());
        Assert.Equal(1450, link.Mtu);
        Assert.Equal(3, link.MasterIndex);
        Assert.Equal(8, link.ParentIndex);
        Assert.Equal(1000, link.TransmitQueueLength);
        Assert.Equal(OperationalState.Up, link.OperationalState);
        Assert.True(link.IsUp);
        Assert.Equal(InterfaceFlags.Up | InterfaceFlags.Broadcast | InterfaceFlags.Running | InterfaceFlags.Multicast | InterfaceFlags.LowerUp, link.Flags);
        Assert.Equal(new byte[] { 0x02, 0x42, 0xac, 0x11, 0x00, 0x02 }, link.HardwareAddress.ToArray());
        Assert.False(link.TryGetBridge(out _));
        Assert.True(link.TryGetBridgePort(out var port));
        Assert.Equal(new BridgePortSettings { Hairpin = true, Isolated = false, Learning = true }, port);
        Assert.False(dump.MoveNext());
    }

    [Fact]
    public void Bridge_link_reads_its_vlan_settings_and_link_info_keeps_them()
    {
        var dump = new NetlinkDump<LinkMessage>(null, KernelReplies.Link("cni0", "bridge"), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        Assert.True(dump.Current.TryGetBridge(out var bridge));
        Assert.Equal(new BridgeState(VlanFiltering: true, DefaultPvid: 1), bridge);

        var info = new LinkInfo();
        info.CopyFrom(dump.Current);
        Assert.Equal(bridge, info.Bridge);
        Assert.Equal(new BridgePortSettings { Hairpin = true, Isolated = false, Learning = true }, info.BridgePort);
    }

    [Fact]
    public void Bridge_port_entry_reads_flags_and_vlans_with_ranges()
    {
        var dump = new NetlinkDump<BridgePortMessage>(null, KernelReplies.BridgePort(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var entry = dump.Current;
        Assert.Equal(7, entry.Index);
        Assert.Equal(3, entry.MasterIndex);
        Assert.False(entry.IsBridge);
        Assert.Equal("veth1234", entry.GetName());
        Assert.True(entry.IsPort);
        Assert.Equal(new BridgePortSettings { Hairpin = true, Isolated = true, Learning = false }, entry.Port);
        var vlans = new List<BridgeVlan>();
        foreach (var vlan in entry.Vlans)
        {
            vlans.Add(vlan);
        }

        Assert.Equal(
            [
                new BridgeVlan(1) { Pvid = true, Untagged = true },
                new BridgeVlan(100, 200),
                new BridgeVlan(300) { Untagged = true },
            ],
            vlans);
        Assert.False(dump.MoveNext());
    }

    [Theory]
    [InlineData(0x10, 5, -1, 0)]
    [InlineData(0x08, 100, -1, 0)]
    [InlineData(0x08, 100, 0, 200)]
    [InlineData(0x08, 200, 0x10, 100)]
    public void Bridge_vlan_ranges_that_do_not_pair_up_are_malformed(int flags, int id, int secondFlags, int secondId)
    {
        var writer = new NetlinkWriter(new byte[64]);
        Put(ref writer, flags, id);
        if (secondFlags >= 0)
        {
            Put(ref writer, secondFlags, secondId);
        }

        var spec = writer.Written.ToArray();
        var ex = Assert.Throws<NetlinkException>(() =>
        {
            foreach (var vlan in new BridgeVlanEnumerator(spec))
            {
                _ = vlan;
            }
        });
        Assert.Equal("EBADMSG", ex.ErrorName);

        static void Put(ref NetlinkWriter writer, int flags, int id)
            => writer.Put(Interop.IflaBridge.VlanInfo, [(byte)flags, (byte)(flags >> 8), (byte)id, (byte)(id >> 8)]);
    }

    [Fact]
    public void Link_info_keeps_its_strings_when_they_did_not_change()
    {
        var info = new LinkInfo();
        Read(KernelReplies.Link(), info);
        var name = info.Name;
        var kind = info.Kind;
        Read(KernelReplies.Link(), info);
        Assert.Same(name, info.Name);
        Assert.Same(kind, info.Kind);
        Assert.Same("veth", info.Kind);

        Read(KernelReplies.Link("br-other", "bridge"), info);
        Assert.Equal("br-other", info.Name);
        Assert.Equal("bridge", info.Kind);

        static void Read(byte[] message, LinkInfo into)
        {
            var dump = new NetlinkDump<LinkMessage>(null, message, KernelReplies.Sequence, 0);
            Assert.True(dump.MoveNext());
            into.CopyFrom(dump.Current);
        }
    }

    [Fact]
    public void Address_message_reads_every_field()
    {
        var dump = new NetlinkDump<AddressMessage>(null, KernelReplies.Address(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var address = dump.Current;
        Assert.Equal(AddressFamily.InterNetworkV6, address.Family);
        Assert.Equal(IPAddress.Parse("fd00::5"), address.GetAddress());
        Assert.Equal(64, address.PrefixLength);
        Assert.Equal(7, address.LinkIndex);
        Assert.Equal(AddressFlags.NoDad | AddressFlags.Permanent | AddressFlags.NoPrefixRoute, address.Flags);
        Assert.Equal(RouteScope.Universe, address.Scope);
        Assert.True(address.PeerBytes.IsEmpty);
    }

    [Fact]
    public void Route_message_reads_every_field()
    {
        var dump = new NetlinkDump<RouteMessage>(null, KernelReplies.Route(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var route = dump.Current;
        Assert.Equal(AddressFamily.InterNetwork, route.Family);
        Assert.Equal(IPAddress.Parse("192.168.0.0"), route.GetDestination());
        Assert.Equal(16, route.DestinationPrefixLength);
        Assert.Equal(IPAddress.Parse("10.22.0.1"), route.GetGateway());
        Assert.Equal(IPAddress.Parse("10.22.0.5"), route.GetPreferredSource());
        Assert.Equal(7, route.OutputLinkIndex);
        Assert.Equal(100, route.Table);
        Assert.Equal(50u, route.Priority);
        Assert.Equal(1400u, route.Mtu);
        Assert.Equal(1360u, route.AdvertisedMss);
        Assert.Equal(RouteProtocol.Static, route.Protocol);
        Assert.Equal(RouteType.Unicast, route.Type);
    }

    [Fact]
    public void Multipath_route_reads_every_path()
    {
        var dump = new NetlinkDump<RouteMessage>(null, KernelReplies.MultipathRoute(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var route = dump.Current;
        Assert.True(route.IsMultipath);
        Assert.True(route.GatewayBytes.IsEmpty);
        var hops = new List<(int Link, int Weight, byte Flags, IPAddress? Gateway)>();
        foreach (var hop in route.NextHops)
        {
            hops.Add((hop.LinkIndex, hop.Weight, hop.Flags, hop.GetGateway()));
        }

        Assert.Equal(
            [(3, 2, (byte)0, IPAddress.Parse("10.1.0.2")), (5, 1, (byte)0x10, IPAddress.Parse("10.2.0.2")), (6, 256, (byte)0, null)],
            hops);
        Assert.False(dump.MoveNext());
    }

    [Fact]
    public void Neighbor_message_reads_every_field()
    {
        var dump = new NetlinkDump<NeighborMessage>(null, KernelReplies.Neighbor(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var neighbor = dump.Current;
        Assert.Equal(AddressFamily.InterNetworkV6, neighbor.Family);
        Assert.Equal(7, neighbor.LinkIndex);
        Assert.Equal(IPAddress.Parse("fd00::2"), neighbor.GetAddress());
        Assert.Equal(new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 }, neighbor.HardwareAddress.ToArray());
        Assert.Equal(NeighborState.Permanent, neighbor.State);
        Assert.Equal(NeighborFlags.Router, neighbor.Flags);
        Assert.Equal(RouteType.Unicast, neighbor.Type);
        Assert.False(dump.MoveNext());
    }

    [Fact]
    public void Qdisc_message_reads_a_tbf_with_64_bit_rates_as_tc_shows_it()
    {
        var dump = new NetlinkDump<QdiscMessage>(null, KernelReplies.TbfQdisc(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var qdisc = dump.Current;
        Assert.Equal((3, 0x80010000u, TrafficControlHandle.Root, "tbf"), (qdisc.LinkIndex, qdisc.Handle, qdisc.Parent, qdisc.GetKind()));
        Assert.Equal((9800UL, 100u, 3u, 7u), (qdisc.Bytes, qdisc.Packets, qdisc.Drops, qdisc.Overlimits));
        Assert.True(qdisc.TryGetTokenBucket(out var bucket));

        // tc shows this tbf as rate 40Gbit burst 1045000b peakrate 50Gbit mtu 6250b lat 10ms.
        Assert.Equal((5_000_000_000UL, 1_045_000u, (uint?)51_048_576, (ulong?)6_250_000_000, (uint?)6250), (bucket.Rate, bucket.Burst, bucket.Limit, bucket.PeakRate, bucket.Mtu));
        Assert.Equal(10_000, (long)bucket.Latency!.Value.TotalMicroseconds);
        Assert.False(dump.MoveNext());
    }

    [Fact]
    public void Filter_message_reads_the_redirect_target()
    {
        var dump = new NetlinkDump<TrafficFilterMessage>(null, KernelReplies.RedirectFilter(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var filter = dump.Current;
        Assert.Equal((3, 0x80000800u, TrafficControlHandle.IngressQdisc, (ushort)1, TrafficFilter.AllProtocols, "u32", 4), (filter.LinkIndex, filter.Handle, filter.Parent, filter.Priority, filter.Protocol, filter.GetKind(), filter.RedirectLinkIndex));
        Assert.False(dump.MoveNext());
    }

    [Fact]
    public void Rule_message_reads_every_field()
    {
        var dump = new NetlinkDump<RuleMessage>(null, KernelReplies.Rule(), KernelReplies.Sequence, 0);
        Assert.True(dump.MoveNext());
        var rule = dump.Current;
        Assert.Equal(AddressFamily.InterNetwork, rule.Family);
        Assert.Equal(1000, rule.Table);
        Assert.Equal(100u, rule.Priority);
        Assert.Equal(RuleAction.ToTable, rule.Action);
        Assert.True(rule.Invert);
        Assert.Equal(IPAddress.Parse("10.0.0.0"), rule.GetSource());
        Assert.Equal(24, rule.SourcePrefixLength);
        Assert.Equal(IPAddress.Parse("10.9.9.9"), rule.GetDestination());
        Assert.Equal(32, rule.DestinationPrefixLength);
        Assert.Equal("eth0", rule.GetInputInterface());
        Assert.Equal("eth1", rule.GetOutputInterface());
        Assert.Equal(0x10u, rule.FirewallMark);
        Assert.Equal(0xffu, rule.FirewallMask);
        Assert.False(dump.MoveNext());
    }

    [Fact]
    public void Error_message_carries_errno_and_the_kernels_text()
    {
        var ex = Assert.Throws<NetlinkException>(() => ThrowFirst(KernelReplies.Error(95, "Unknown device type")));
        Assert.Equal(95, ex.ErrorNumber);
        Assert.Equal("EOPNOTSUPP", ex.ErrorName);
        Assert.Equal("Unknown device type", ex.KernelMessage);
        Assert.True(ex.IsNotSupported);
        Assert.Contains("add link", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown device type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_message_with_a_positive_errno_is_malformed()
    {
        var message = KernelReplies.Error(0, null);
        BitConverter.GetBytes(7).CopyTo(message, 16);
        Assert.Equal("EBADMSG", Assert.Throws<NetlinkException>(() => ThrowFirst(message)).ErrorName);
    }

    [Fact]
    public void Ack_is_not_an_error()
        => ThrowFirst(KernelReplies.Error(0, null));

    [Theory]
    [InlineData(17, true, false)]
    [InlineData(19, false, true)]
    [InlineData(2, false, true)]
    [InlineData(3, false, true)]
    [InlineData(99, false, true)]
    [InlineData(22, false, false)]
    public void Exists_and_not_found_are_easy_to_test(int errno, bool exists, bool notFound)
    {
        var ex = new NetlinkException("add link", errno);
        Assert.Equal(exists, ex.IsExists);
        Assert.Equal(notFound, ex.IsNotFound);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_truncation_gives_only_the_librarys_error(string kind)
    {
        var message = Sample(kind);
        for (var length = 0; length < message.Length; length++)
        {
            AssertParsesOrRejects(kind, message.AsSpan(0, length).ToArray());
            AssertParsesOrRejects(kind, KernelReplies.CutConsistently(message, length));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_split_gives_only_the_librarys_error(string kind)
    {
        byte[] twice = [.. Sample(kind), .. Sample(kind)];
        for (var at = 0; at <= twice.Length; at++)
        {
            AssertParsesOrRejects(kind, twice[..at]);
            AssertParsesOrRejects(kind, twice[at..]);
        }
    }

    [Fact]
    public void Truncated_messages_are_rejected_with_ebadmsg()
    {
        var message = KernelReplies.Link();
        var ex = Assert.Throws<NetlinkException>(() => Consume("link", message.AsSpan(0, message.Length - 1).ToArray()));
        Assert.Equal("EBADMSG", ex.ErrorName);
        ex = Assert.Throws<NetlinkException>(() => Consume("link", KernelReplies.CutConsistently(message, 30)));
        Assert.Equal("EBADMSG", ex.ErrorName);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Corrupted_bytes_give_only_the_librarys_error(string kind)
    {
        var message = Sample(kind);
        Gen.Select(Gen.Int[0, message.Length - 1], Gen.Byte).Array[1, 6].Sample(
            changes =>
            {
                var corrupt = (byte[])message.Clone();
                foreach (var (at, value) in changes)
                {
                    corrupt[at] = value;
                }

                AssertParsesOrRejects(kind, corrupt);
            },
            iter: 2000);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Random_bytes_give_only_the_librarys_error(string kind)
        => Gen.Byte.Array[0, 200].Sample(bytes => AssertParsesOrRejects(kind, bytes), iter: 2000);

    private static byte[] Sample(string kind) => kind switch
    {
        "link" => KernelReplies.Link(),
        "bridge-link" => KernelReplies.Link("cni0", "bridge"),
        "bridge-port" => KernelReplies.BridgePort(),
        "address" => KernelReplies.Address(),
        "route" => KernelReplies.Route(),
        "multipath-route" => KernelReplies.MultipathRoute(),
        "neighbor" => KernelReplies.Neighbor(),
        "rule" => KernelReplies.Rule(),
        "qdisc" => KernelReplies.TbfQdisc(),
        "filter" => KernelReplies.RedirectFilter(),
        "error" => KernelReplies.Error(95, "Unknown device type"),
        _ => KernelReplies.Done(),
    };

    private static void AssertParsesOrRejects(string kind, byte[] bytes)
    {
        try
        {
            Consume(kind, bytes);
        }
        catch (NetlinkException ex) when (ex.ErrorName == "EBADMSG" || kind is "error" or "done")
        {
            // Error and done messages may decode as a valid NLMSG_ERROR after corruption: a kernel error, still our exception.
        }
    }

    /// <summary>Reads everything a caller could read from the bytes.</summary>
    private static void Consume(string kind, byte[] bytes)
    {
        switch (kind)
        {
            case "link" or "bridge-link":
                var info = new LinkInfo();
                foreach (var link in new NetlinkDump<LinkMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    info.CopyFrom(link);
                    _ = link.GetName();
                }

                break;
            case "bridge-port":
                foreach (var entry in new NetlinkDump<BridgePortMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = entry.GetName();
                    foreach (var vlan in entry.Vlans)
                    {
                        _ = vlan.Id;
                    }
                }

                break;
            case "address":
                foreach (var address in new NetlinkDump<AddressMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = address.GetAddress();
                    _ = address.GetLabel();
                }

                break;
            case "route" or "multipath-route":
                foreach (var route in new NetlinkDump<RouteMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = route.GetDestination();
                    _ = route.GetGateway();
                    _ = route.GetPreferredSource();
                    foreach (var hop in route.NextHops)
                    {
                        _ = hop.GetGateway();
                    }
                }

                break;
            case "neighbor":
                foreach (var neighbor in new NetlinkDump<NeighborMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = neighbor.GetAddress();
                    _ = neighbor.HardwareAddress.Length;
                }

                break;
            case "rule":
                foreach (var rule in new NetlinkDump<RuleMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = rule.GetSource();
                    _ = rule.GetDestination();
                    _ = rule.GetInputInterface();
                    _ = rule.GetOutputInterface();
                }

                break;
            case "qdisc":
                foreach (var qdisc in new NetlinkDump<QdiscMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = qdisc.GetKind();
                    _ = qdisc.TryGetTokenBucket(out _);
                }

                break;
            case "filter":
                foreach (var filter in new NetlinkDump<TrafficFilterMessage>(null, bytes, KernelReplies.Sequence, 0))
                {
                    _ = filter.GetKind();
                }

                break;
            default:
                ThrowFirst(bytes);
                break;
        }
    }

    private static void ThrowFirst(byte[] bytes)
    {
        foreach (var message in new NetlinkMessageEnumerator(bytes))
        {
            if (message.Type == Interop.Nlmsg.Error)
            {
                NetlinkSocket.ThrowIfError(message, "add link");
            }
        }
    }
}
