using System.Buffers.Binary;
using System.Net;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Tests;

/// <summary>Replies shaped like the kernel's, built with the writer, for the reader tests.</summary>
internal static class KernelReplies
{
    public const uint Sequence = 42;

    public static byte[] Link(string name = "veth1234", string kind = "veth")
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewLink, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<ifinfomsg>();
        header.ifi_index = 7;
        header.ifi_type = 1;
        header.ifi_flags = 0x11043;
        writer.PutString(Ifla.IfName, name);
        writer.PutInt32(Ifla.TxQLen, 1000);
        writer.PutUInt8(Ifla.OperState, 6);
        writer.PutInt32(Ifla.Mtu, 1450);
        writer.PutInt32(Ifla.Master, 3);
        writer.PutInt32(Ifla.Link, 8);
        writer.Put(Ifla.Address, [0x02, 0x42, 0xac, 0x11, 0x00, 0x02]);
        var info = writer.BeginNested(Ifla.LinkInfo);
        writer.PutString(IflaInfo.Kind, kind);
        if (kind == "bridge")
        {
            var data = writer.BeginNested(IflaInfo.Data);
            writer.PutUInt32(1, 1500);
            writer.PutUInt8(IflaBr.VlanFiltering, 1);
            writer.PutUInt16(IflaBr.VlanDefaultPvid, 1);
            writer.EndNested(data);
        }

        writer.PutString(IflaInfo.SlaveKind, "bridge");
        var slave = writer.BeginNested(IflaInfo.SlaveData);
        writer.PutUInt8(IflaBrport.Mode, 1);
        writer.PutUInt8(IflaBrport.Isolated, 0);
        writer.PutUInt8(IflaBrport.Learning, 1);
        writer.EndNested(slave);
        writer.EndNested(info);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    /// <summary>An entry of a bridge dump: a port with its flags, a PVID VLAN and a range.</summary>
    public static byte[] BridgePort()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewLink, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<ifinfomsg>();
        header.ifi_family = AddressFamilies.Bridge;
        header.ifi_index = 7;
        writer.PutString(Ifla.IfName, "veth1234");
        writer.PutInt32(Ifla.Master, 3);
        writer.PutInt32(Ifla.Mtu, 1500);
        var protinfo = writer.BeginNested(Ifla.ProtInfo);
        writer.PutUInt8(1, 3);
        writer.PutUInt8(IflaBrport.Mode, 1);
        writer.PutUInt8(IflaBrport.Learning, 0);
        writer.PutUInt8(IflaBrport.Isolated, 1);
        writer.EndNested(protinfo);
        var spec = writer.BeginNested(Ifla.AfSpec);
        PutVlan(ref writer, BridgeVlanInfo.Pvid | BridgeVlanInfo.Untagged, 1);
        PutVlan(ref writer, BridgeVlanInfo.RangeBegin, 100);
        PutVlan(ref writer, BridgeVlanInfo.RangeEnd, 200);
        PutVlan(ref writer, BridgeVlanInfo.Untagged, 300);
        writer.EndNested(spec);
        writer.EndMessage();
        return writer.Written.ToArray();

        static void PutVlan(ref NetlinkWriter writer, int flags, ushort id)
        {
            Span<byte> value = stackalloc byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(value, (ushort)flags);
            BinaryPrimitives.WriteUInt16LittleEndian(value[2..], id);
            writer.Put(IflaBridge.VlanInfo, value);
        }
    }

    public static byte[] Address()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewAddr, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<ifaddrmsg>();
        header.ifa_family = AddressFamilies.Inet6;
        header.ifa_prefixlen = 64;
        header.ifa_flags = 0x82;
        header.ifa_scope = 0;
        header.ifa_index = 7;
        writer.PutAddress(Ifa.Address, IPAddress.Parse("fd00::5"));
        writer.PutUInt32(Ifa.Flags, 0x282);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    public static byte[] Route()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewRoute, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<rtmsg>();
        header.rtm_family = AddressFamilies.Inet;
        header.rtm_dst_len = 16;
        header.rtm_table = 254;
        header.rtm_protocol = 4;
        header.rtm_type = 1;
        writer.PutInt32(Rta.Table, 100);
        writer.PutAddress(Rta.Dst, IPAddress.Parse("192.168.0.0"));
        writer.PutAddress(Rta.Gateway, IPAddress.Parse("10.22.0.1"));
        writer.PutAddress(Rta.PrefSrc, IPAddress.Parse("10.22.0.5"));
        writer.PutInt32(Rta.Oif, 7);
        writer.PutUInt32(Rta.Priority, 50);
        var metrics = writer.BeginNested(Rta.Metrics);
        writer.PutUInt32(Rtax.Mtu, 1400);
        writer.PutUInt32(Rtax.AdvMss, 1360);
        writer.EndNested(metrics);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    /// <summary>A multipath route: two paths with gateways and weights, one direct.</summary>
    public static byte[] MultipathRoute()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewRoute, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<rtmsg>();
        header.rtm_family = AddressFamilies.Inet;
        header.rtm_dst_len = 16;
        header.rtm_table = 254;
        header.rtm_protocol = 3;
        header.rtm_type = 1;
        writer.PutInt32(Rta.Table, 254);
        writer.PutAddress(Rta.Dst, IPAddress.Parse("10.9.0.0"));
        var multipath = writer.BeginAttribute(Rta.Multipath);
        PutHop(ref writer, 3, 1, 0, IPAddress.Parse("10.1.0.2"));
        PutHop(ref writer, 5, 0, 0x10, IPAddress.Parse("10.2.0.2"));
        PutHop(ref writer, 6, 255, 0, null);
        writer.EndNested(multipath);
        writer.EndMessage();
        return writer.Written.ToArray();

        static void PutHop(ref NetlinkWriter writer, int link, byte hops, byte flags, IPAddress? gateway)
        {
            var start = writer.Position;
            ref var hop = ref writer.Reserve<rtnexthop>();
            hop.rtnh_ifindex = link;
            hop.rtnh_hops = hops;
            hop.rtnh_flags = flags;
            if (gateway is not null)
            {
                writer.PutAddress(Rta.Gateway, gateway);
            }

            writer.EndNested(start);
        }
    }

    public static byte[] Neighbor()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewNeigh, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<ndmsg>();
        header.ndm_family = AddressFamilies.Inet6;
        header.ndm_ifindex = 7;
        header.ndm_state = 0x80;
        header.ndm_flags = 0x80;
        header.ndm_type = 1;
        writer.PutAddress(Nda.Dst, IPAddress.Parse("fd00::2"));
        writer.Put(Nda.LlAddr, [0x02, 0x00, 0x00, 0x00, 0x00, 0x03]);
        writer.Put(3, new byte[16]);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    public static byte[] Rule()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewRule, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<fib_rule_hdr>();
        header.family = AddressFamilies.Inet;
        header.src_len = 24;
        header.dst_len = 32;
        header.table = 0;
        header.action = 1;
        header.flags = FibRuleFlags.Invert;
        writer.PutInt32(Fra.Table, 1000);
        writer.PutUInt32(Fra.Priority, 100);
        writer.PutAddress(Fra.Src, IPAddress.Parse("10.0.0.0"));
        writer.PutAddress(Fra.Dst, IPAddress.Parse("10.9.9.9"));
        writer.PutString(Fra.IifName, "eth0");
        writer.PutString(Fra.OifName, "eth1");
        writer.PutUInt32(Fra.FwMark, 0x10);
        writer.PutUInt32(Fra.FwMask, 0xff);
        writer.PutUInt8(21, 3);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    /// <summary>
    /// A tbf as the kernel dumps it after <c>tc qdisc add dev X root tbf rate 40gbit burst 1mb latency
    /// 10ms peakrate 50gbit mtu 9000</c>: 64-bit rates, the kernel's ticks, and counters.
    /// </summary>
    public static byte[] TbfQdisc()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Rtm.NewQdisc, NlmF.Multi, Sequence);
        ref var header = ref writer.Reserve<tcmsg>();
        header.tcm_ifindex = 3;
        header.tcm_handle = 0x80010000;
        header.tcm_parent = TcH.Root;
        writer.PutString(Tca.Kind, "tbf");
        var options = writer.BeginAttribute(Tca.Options);
        writer.PutStruct(TcaTbf.Parms, new tc_tbf_qopt
        {
            rate = new tc_ratespec { rate = uint.MaxValue, linklayer = TcLinklayer.Ethernet },
            peakrate = new tc_ratespec { rate = uint.MaxValue, linklayer = TcLinklayer.Ethernet },
            limit = 51_048_576,
            buffer = 3276,
            mtu = 22,
        });
        writer.PutUInt64(TcaTbf.Rate64, 5_000_000_000);
        writer.PutUInt64(TcaTbf.Prate64, 6_250_000_000);
        writer.EndNested(options);
        var stats = writer.BeginAttribute(Tca.Stats2);
        writer.PutStruct(TcaStats.Basic, new gnet_stats_basic { bytes = 9800, packets = 100 });
        writer.PutStruct(TcaStats.Queue, new gnet_stats_queue { drops = 3, overlimits = 7 });
        writer.EndNested(stats);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    /// <summary>A u32 filter node as the kernel dumps it: the redirect of link 3 to link 4, and an unknown attribute.</summary>
    public static byte[] RedirectFilter()
    {
        var writer = new NetlinkWriter(new byte[1024]);
        Requests.Filter(ref writer, Sequence, Rtm.NewTFilter, NlmF.Multi, TrafficFilter.RedirectIngress(3, 4) with { Handle = 0x80000800 });
        writer.PutUInt32(11, 0);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    /// <summary>An NLMSG_ERROR as a socket with NETLINK_CAP_ACK and NETLINK_EXT_ACK gets it.</summary>
    public static byte[] Error(int errno, string? message)
    {
        var writer = new NetlinkWriter(new byte[1024]);
        writer.BeginMessage(Nlmsg.Error, (ushort)(NlmF.Capped | (message is null ? 0 : NlmF.AckTlvs)), Sequence);
        ref var error = ref writer.Reserve<nlmsgerr>();
        error.error = -errno;
        error.msg.nlmsg_len = 60;
        error.msg.nlmsg_type = Rtm.NewLink;
        error.msg.nlmsg_seq = Sequence;
        if (message is not null)
        {
            writer.PutString(NlmsgerrAttr.Msg, message);
        }

        writer.EndMessage();
        return writer.Written.ToArray();
    }

    public static byte[] Done()
    {
        var writer = new NetlinkWriter(new byte[64]);
        writer.BeginMessage(Nlmsg.Done, NlmF.Multi, Sequence);
        writer.PutInt32(0, 0);
        writer.EndMessage();
        return writer.Written.ToArray();
    }

    /// <summary>A copy of <paramref name="message"/> cut to <paramref name="length"/> bytes whose nlmsg_len says so, so the cut falls inside the attributes.</summary>
    public static byte[] CutConsistently(byte[] message, int length)
    {
        var cut = message.AsSpan(0, length).ToArray();
        if (cut.Length >= 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(cut, (uint)cut.Length);
        }

        return cut;
    }
}
