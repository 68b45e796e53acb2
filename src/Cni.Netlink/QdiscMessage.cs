using System.Text;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A qdisc as the kernel described it (RTM_NEWQDISC), read in place: the read side of <see cref="Qdisc"/>.</summary>
public readonly ref struct QdiscMessage : INetlinkMessage<QdiscMessage>
{
    private const double MicrosecondsPerSecond = 1_000_000;

    static ushort INetlinkMessage<QdiscMessage>.MessageType => Rtm.NewQdisc;

    static QdiscMessage INetlinkMessage<QdiscMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private static ReadOnlySpan<byte> TbfKind => "tbf"u8;

    private readonly ReadOnlySpan<byte> _options;

    private QdiscMessage(tcmsg header, ReadOnlySpan<byte> options)
    {
        _options = options;
        LinkIndex = header.tcm_ifindex;
        Handle = header.tcm_handle;
        Parent = header.tcm_parent;
    }

    /// <summary>The link's index (tcm_ifindex).</summary>
    public int LinkIndex { get; }

    /// <summary>The qdisc's handle: <c>8001:</c> and up when the kernel picked it, <see cref="TrafficControlHandle.IngressQdisc"/> for ingress and clsact.</summary>
    public uint Handle { get; }

    /// <summary>The parent: <see cref="TrafficControlHandle.Root"/>, <see cref="TrafficControlHandle.IngressParent"/>, or a class.</summary>
    public uint Parent { get; }

    /// <summary>The kind in UTF-8 (TCA_KIND: "tbf", "ingress", "clsact", "noqueue", "pfifo_fast", ...).</summary>
    public ReadOnlySpan<byte> KindUtf8 { get; private init; }

    /// <summary>Bytes the qdisc has sent (TCA_STATS_BASIC).</summary>
    public ulong Bytes { get; private init; }

    /// <summary>Packets the qdisc has sent (TCA_STATS_BASIC).</summary>
    public uint Packets { get; private init; }

    /// <summary>Packets the qdisc dropped (TCA_STATS_QUEUE).</summary>
    public uint Drops { get; private init; }

    /// <summary>Times the qdisc held a packet back because it was over its rate (TCA_STATS_QUEUE).</summary>
    public uint Overlimits { get; private init; }

    /// <summary>The kind as a string (allocates).</summary>
    /// <returns>The kind.</returns>
    public string GetKind() => Encoding.UTF8.GetString(KindUtf8);

    /// <summary>
    /// A tbf's settings (from TCA_OPTIONS), read only when asked: the rate, the limit, and the burst,
    /// latency and peak MTU computed back from the kernel's ticks as <c>tc qdisc show</c> shows them.
    /// <see cref="TokenBucket.Latency"/> is <see langword="null"/> when that computation is negative.
    /// </summary>
    /// <param name="bucket">The settings when this qdisc is a tbf.</param>
    /// <returns><see langword="false"/> when the qdisc is not a tbf.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetTokenBucket(out TokenBucket bucket)
    {
        bucket = default;
        if (!KindUtf8.SequenceEqual(TbfKind))
        {
            return false;
        }

        tc_tbf_qopt options = default;
        ulong? rate64 = null, peakRate64 = null;
        foreach (var attribute in new NetlinkAttributeEnumerator(_options))
        {
            switch (attribute.Type)
            {
                case TcaTbf.Parms:
                    options = FixedHeader.Read<tc_tbf_qopt>(attribute.Value, "tc_tbf_qopt");
                    break;
                case TcaTbf.Rate64:
                    rate64 = attribute.GetUInt64();
                    break;
                case TcaTbf.Prate64:
                    peakRate64 = attribute.GetUInt64();
                    break;
            }
        }

        // q_tbf.c's print: 64-bit rates when sent, sizes from ticks, latency from the limit.
        var rate = rate64 ?? options.rate.rate;
        var peakRate = options.peakrate.rate == 0 ? (ulong?)null : peakRate64 ?? options.peakrate.rate;
        var latency = (MicrosecondsPerSecond * (options.limit / (double)rate)) - SchedulerTicks.ToMicroseconds(options.buffer);
        if (peakRate is { } peak)
        {
            latency = Math.Max(latency, (MicrosecondsPerSecond * (options.limit / (double)peak)) - SchedulerTicks.ToMicroseconds(options.mtu));
        }

        bucket = new TokenBucket
        {
            Rate = rate,
            Burst = SchedulerTicks.TransmitSize(rate, options.buffer),
            Limit = options.limit,
            Latency = latency >= 0 ? TimeSpan.FromTicks((long)(latency * TimeSpan.TicksPerMicrosecond)) : null,
            PeakRate = peakRate,
            Mtu = peakRate is { } p ? SchedulerTicks.TransmitSize(p, options.mtu) : null,
        };
        return true;
    }

    internal static QdiscMessage Parse(ReadOnlySpan<byte> payload)
    {
        var message = TrafficControlAttributes.Parse(payload);
        gnet_stats_basic basic = default;
        gnet_stats_queue queue = default;
        foreach (var stats in new NetlinkAttributeEnumerator(message.Stats))
        {
            switch (stats.Type)
            {
                case TcaStats.Basic:
                    basic = FixedHeader.Read<gnet_stats_basic>(stats.Value, "gnet_stats_basic");
                    break;
                case TcaStats.Queue:
                    queue = FixedHeader.Read<gnet_stats_queue>(stats.Value, "gnet_stats_queue");
                    break;
            }
        }

        return new QdiscMessage(message.Header, message.Options)
        {
            KindUtf8 = message.Kind,
            Bytes = basic.bytes,
            Packets = basic.packets,
            Drops = queue.drops,
            Overlimits = queue.overlimits,
        };
    }
}
