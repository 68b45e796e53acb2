using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    /// <summary>tc's rate table: one entry per size cell.</summary>
    private const int RateTableEntries = 256;

    /// <summary>The size tc assumes for the rate table's cells when no MTU is given.</summary>
    private const uint DefaultRateTableMtu = 2047;

    private const int MicrosecondsPerSecond = 1_000_000;

    private static ReadOnlySpan<byte> TbfKind => "tbf\0"u8;

    private static ReadOnlySpan<byte> IngressKind => "ingress\0"u8;

    private static ReadOnlySpan<byte> ClsactKind => "clsact\0"u8;

    private static ReadOnlySpan<byte> U32Kind => "u32\0"u8;

    private static ReadOnlySpan<byte> MatchallKind => "matchall\0"u8;

    private static ReadOnlySpan<byte> MirredKind => "mirred\0"u8;

    /// <summary>
    /// RTM_NEWQDISC or RTM_DELQDISC, as <c>tc qdisc add|replace|del</c> sends it. A delete carries the
    /// kind only for ingress and clsact, which share a parent and handle, as tc's does.
    /// </summary>
    public static void Qdisc(ref NetlinkWriter writer, uint sequence, ushort type, ushort flags, in Qdisc qdisc)
    {
        var adding = type == Rtm.NewQdisc;
        if (adding && qdisc.Kind == QdiscKind.Tbf)
        {
            CheckTokenBucket(qdisc.TokenBucket, nameof(qdisc));
        }

        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<tcmsg>();
        header.tcm_ifindex = qdisc.LinkIndex;
        switch (qdisc.Kind)
        {
            case QdiscKind.Tbf:
                header.tcm_handle = qdisc.Handle;
                header.tcm_parent = qdisc.Parent == 0 ? TcH.Root : qdisc.Parent;
                if (adding)
                {
                    writer.Put(Tca.Kind, TbfKind);
                    TokenBucketOptions(ref writer, qdisc.TokenBucket);
                }

                break;
            case QdiscKind.Ingress or QdiscKind.Clsact:
                header.tcm_handle = TrafficControlHandle.IngressQdisc;
                header.tcm_parent = TcH.Ingress;
                writer.Put(Tca.Kind, qdisc.Kind == QdiscKind.Ingress ? IngressKind : ClsactKind);
                break;
            default:
                ThrowHelper.ThrowArgument($"Unknown qdisc kind {qdisc.Kind}.", nameof(qdisc));
                break;
        }

        writer.EndMessage();
    }

    /// <summary>A qdisc dump of every link, as <c>tc qdisc show</c> sends it.</summary>
    public static void DumpQdiscs(ref NetlinkWriter writer, uint sequence)
    {
        writer.BeginMessage(Rtm.GetQdisc, DumpRequest, sequence);
        writer.Reserve<tcmsg>();
        writer.EndMessage();
    }

    /// <summary>
    /// RTM_NEWTFILTER or RTM_DELTFILTER, as <c>tc filter add ... u32 match u32 0 0 action mirred egress
    /// redirect dev Y</c> (or <c>matchall action mirred ...</c>) and <c>tc filter del ... u32</c> send it.
    /// </summary>
    public static void Filter(ref NetlinkWriter writer, uint sequence, ushort type, ushort flags, in TrafficFilter filter)
    {
        var adding = type == Rtm.NewTFilter;
        if (adding && filter.RedirectLinkIndex <= 0)
        {
            ThrowHelper.ThrowArgument("A filter needs the index of the link it redirects to.", nameof(filter));
        }

        var protocol = filter.Protocol == 0 && adding ? TrafficFilter.AllProtocols : filter.Protocol;
        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<tcmsg>();
        header.tcm_ifindex = filter.LinkIndex;
        header.tcm_handle = filter.Handle;
        header.tcm_parent = filter.Parent;
        header.tcm_info = ((uint)filter.Priority << 16) | BinaryPrimitives.ReverseEndianness(protocol);
        switch (filter.Classifier)
        {
            case TrafficFilterClassifier.U32:
                writer.Put(Tca.Kind, U32Kind);
                if (adding)
                {
                    // tc writes the actions as it parses them and the selector at the end.
                    var options = writer.BeginAttribute(Tca.Options);
                    RedirectAction(ref writer, TcaU32.Act, filter.RedirectLinkIndex);
                    MatchEverySelector(ref writer);
                    writer.EndNested(options);
                }

                break;
            case TrafficFilterClassifier.Matchall:
                writer.Put(Tca.Kind, MatchallKind);
                if (adding)
                {
                    var options = writer.BeginAttribute(Tca.Options);
                    RedirectAction(ref writer, TcaMatchall.Act, filter.RedirectLinkIndex);
                    writer.EndNested(options);
                }

                break;
            default:
                ThrowHelper.ThrowArgument($"Unknown filter classifier {filter.Classifier}.", nameof(filter));
                break;
        }

        writer.EndMessage();
    }

    /// <summary>A filter dump of one parent on one link, as <c>tc filter show dev X parent P</c> sends it.</summary>
    public static void DumpFilters(ref NetlinkWriter writer, uint sequence, int linkIndex, uint parent)
    {
        writer.BeginMessage(Rtm.GetTFilter, DumpRequest, sequence);
        ref var header = ref writer.Reserve<tcmsg>();
        header.tcm_ifindex = linkIndex;
        header.tcm_parent = parent;
        writer.EndMessage();
    }

    /// <summary>tbf's TCA_OPTIONS as q_tbf.c writes them: parameters, burst, 64-bit rate, rate table, then the peak's.</summary>
    private static void TokenBucketOptions(ref NetlinkWriter writer, in TokenBucket bucket)
    {
        var rate = RateSpec(bucket.Rate, bucket.Mtu ?? 0);
        var options = new tc_tbf_qopt { rate = rate, limit = bucket.Limit ?? QueueLimit(bucket), buffer = SchedulerTicks.TransmitTime(rate.rate, bucket.Burst) };
        if (bucket.PeakRate is { } peakRate)
        {
            options.peakrate = RateSpec(peakRate, bucket.Mtu!.Value);
            options.mtu = SchedulerTicks.TransmitTime(options.peakrate.rate, bucket.Mtu.Value);
        }

        var start = writer.BeginAttribute(Tca.Options);
        writer.PutStruct(TcaTbf.Parms, options);
        writer.PutUInt32(TcaTbf.Burst, bucket.Burst);
        if (bucket.Rate > uint.MaxValue)
        {
            writer.PutUInt64(TcaTbf.Rate64, bucket.Rate);
        }

        RateTable(writer.PutSpace(TcaTbf.Rtab, RateTableEntries * sizeof(uint)), rate);
        if (bucket.PeakRate is { } peak)
        {
            if (peak > uint.MaxValue)
            {
                writer.PutUInt64(TcaTbf.Prate64, peak);
            }

            writer.PutUInt32(TcaTbf.Pburst, bucket.Mtu!.Value);
            RateTable(writer.PutSpace(TcaTbf.Ptab, RateTableEntries * sizeof(uint)), options.peakrate);
        }

        writer.EndNested(start);
    }

    /// <summary>The queue limit tc derives from the latency: what arrives at the rate during it, plus the bucket (or the peak rate's, when less).</summary>
    private static uint QueueLimit(in TokenBucket bucket)
    {
        var latency = Microseconds(bucket.Latency!.Value);
        var limit = (bucket.Rate * (double)latency / MicrosecondsPerSecond) + bucket.Burst;
        if (bucket.PeakRate is { } peak)
        {
            limit = Math.Min(limit, (peak * (double)latency / MicrosecondsPerSecond) + bucket.Mtu!.Value);
        }

        return SchedulerTicks.ToUInt32(limit);
    }

    /// <summary>tc_calc_rtable's rate spec: cells sized so the MTU (2047 when unset) fits in 256 of them, Ethernet sizes.</summary>
    private static tc_ratespec RateSpec(ulong rate, uint mtu)
    {
        if (mtu == 0)
        {
            mtu = DefaultRateTableMtu;
        }

        byte cellLog = 0;
        while ((mtu >> cellLog) > RateTableEntries - 1)
        {
            cellLog++;
        }

        return new tc_ratespec
        {
            cell_log = cellLog,
            linklayer = TcLinklayer.Ethernet,
            cell_align = -1,
            rate = rate > uint.MaxValue ? uint.MaxValue : (uint)rate,
        };
    }

    /// <summary>tc_calc_rtable's table: the ticks to send each cell's size. The kernel ignores it for a rate whose link layer is set, but tc sends it.</summary>
    private static void RateTable(Span<byte> table, in tc_ratespec rate)
    {
        var entries = MemoryMarshal.Cast<byte, uint>(table);
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = SchedulerTicks.TransmitTime(rate.rate, (uint)(i + 1) << rate.cell_log);
        }
    }

    /// <summary>One mirred action in a filter's action list (TCA_*_ACT): egress redirect to a link, the packet stolen.</summary>
    private static void RedirectAction(ref NetlinkWriter writer, ushort listType, int linkIndex)
    {
        var list = writer.BeginAttribute(listType);
        var action = writer.BeginAttribute(1);
        writer.Put(TcaAct.Kind, MirredKind);
        var options = writer.BeginNested(TcaAct.Options);
        writer.PutStruct(TcaMirred.Parms, new tc_mirred { action = TcAct.Stolen, eaction = TcaEaction.EgressRedir, ifindex = (uint)linkIndex });
        writer.EndNested(options);
        writer.EndNested(action);
        writer.EndNested(list);
    }

    /// <summary>TCA_U32_SEL with one key that masks every bit away (<c>match u32 0 0</c>): every packet matches, and the match is terminal.</summary>
    private static void MatchEverySelector(ref NetlinkWriter writer)
    {
        var start = writer.BeginAttribute(TcaU32.Sel);
        ref var selector = ref writer.Reserve<tc_u32_sel>();
        selector.flags = TcU32.Terminal;
        selector.nkeys = 1;
        writer.Reserve<tc_u32_key>();
        writer.EndNested(start);
    }

    private static void CheckTokenBucket(in TokenBucket bucket, string parameter)
    {
        if (bucket.Rate == 0 || bucket.Burst == 0)
        {
            ThrowHelper.ThrowArgument("A token bucket needs a rate and a burst of more than 0.", parameter);
        }

        if (bucket.Latency.HasValue == bucket.Limit.HasValue)
        {
            ThrowHelper.ThrowArgument("A token bucket needs either a latency or a limit, not both.", parameter);
        }

        if (bucket.Latency is { } latency && (latency < TimeSpan.Zero || latency.Ticks / TimeSpan.TicksPerMicrosecond > uint.MaxValue))
        {
            ThrowHelper.ThrowArgument("A token bucket's latency must be between 0 and 2^32 microseconds.", parameter);
        }

        if (bucket.PeakRate is { } peak && (peak == 0 || bucket.Mtu is null or 0))
        {
            ThrowHelper.ThrowArgument("A token bucket's peak rate must be more than 0 and needs an MTU.", parameter);
        }
    }

    private static uint Microseconds(TimeSpan time) => (uint)(time.Ticks / TimeSpan.TicksPerMicrosecond);
}
