using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>Adds a qdisc (RTM_NEWQDISC with NLM_F_CREATE | NLM_F_EXCL), as <c>tc qdisc add</c>.</summary>
    /// <param name="qdisc">The qdisc.</param>
    /// <exception cref="ArgumentException">A tbf's settings are incomplete or contradict each other.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the link has a qdisc there already).</exception>
    public void AddQdisc(in Qdisc qdisc) => QdiscRequest(Rtm.NewQdisc, Requests.CreateExclusive, qdisc, "add qdisc");

    /// <summary>
    /// Adds a qdisc or replaces the one at its parent (RTM_NEWQDISC with NLM_F_CREATE | NLM_F_REPLACE),
    /// as <c>tc qdisc replace</c>: a tbf of new settings over an old one changes it in place.
    /// </summary>
    /// <param name="qdisc">The qdisc.</param>
    /// <exception cref="ArgumentException">A tbf's settings are incomplete or contradict each other.</exception>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void ReplaceQdisc(in Qdisc qdisc) => QdiscRequest(Rtm.NewQdisc, Requests.CreateOrReplace, qdisc, "replace qdisc");

    /// <summary>
    /// Deletes the qdisc at <see cref="Qdisc.Parent"/> (with <see cref="Qdisc.Handle"/> when set), as
    /// <c>tc qdisc del dev X root</c> or <c>tc qdisc del dev X ingress</c>; the link falls back to its
    /// default qdisc, and the filters of the deleted one go with it.
    /// </summary>
    /// <param name="qdisc">The qdisc; a tbf's settings are not needed.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when the root has only its default qdisc; EINVAL, "Invalid handle", when the link has no ingress or clsact qdisc).</exception>
    public void DeleteQdisc(in Qdisc qdisc) => QdiscRequest(Rtm.DelQdisc, Requests.Ack, qdisc, "delete qdisc");

    /// <summary>
    /// Lists the qdiscs of every link, the kernel's defaults (noqueue, pfifo_fast, mq, ...) included, as
    /// <c>tc qdisc show</c>; pick a link's by <see cref="QdiscMessage.LinkIndex"/> (the kernel ignores
    /// a link index in the request, and <c>tc qdisc show dev X</c> picks them the same way).
    /// </summary>
    /// <returns>The qdiscs, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<QdiscMessage> DumpQdiscs()
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpQdiscs(ref writer, sequence);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump qdiscs", out var generation, out var replySequence);
            return new NetlinkDump<QdiscMessage>(this, messages, replySequence, generation);
        }
    }

    /// <summary>
    /// Adds a filter (RTM_NEWTFILTER with NLM_F_CREATE | NLM_F_EXCL), as <c>tc filter add</c>. Without
    /// a <see cref="TrafficFilter.Handle"/> the kernel makes a new one each time, so a second add of
    /// the same u32 filter adds a second node next to the first (<c>800::801</c>) rather than failing.
    /// </summary>
    /// <param name="filter">The filter.</param>
    /// <exception cref="ArgumentException">The filter names no link to redirect to.</exception>
    /// <exception cref="NetlinkException">The kernel refused (EINVAL, "Parent Qdisc doesn't exists" in <see cref="NetlinkException.KernelMessage"/>, without the ingress qdisc; ENOENT, "TC classifier not found", for a classifier the kernel lacks).</exception>
    public void AddFilter(in TrafficFilter filter) => FilterRequest(Rtm.NewTFilter, Requests.CreateExclusive, filter, "add filter");

    /// <summary>
    /// Deletes the filters of <see cref="TrafficFilter.Priority"/>, <see cref="TrafficFilter.Protocol"/>
    /// and classifier under <see cref="TrafficFilter.Parent"/> (only <see cref="TrafficFilter.Handle"/>'s
    /// when set), as <c>tc filter del dev X parent ffff: prio 1 protocol all u32</c>.
    /// </summary>
    /// <param name="filter">The filter; the redirect target is not needed.</param>
    /// <exception cref="NetlinkException">The kernel refused (ENOENT when none matches).</exception>
    public void DeleteFilter(in TrafficFilter filter) => FilterRequest(Rtm.DelTFilter, Requests.Ack, filter, "delete filter");

    /// <summary>Lists the filters under one parent of a link, as <c>tc filter show dev X parent P</c>.</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <param name="parent">The qdisc or class, for example <see cref="TrafficControlHandle.IngressQdisc"/>.</param>
    /// <returns>The filters, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<TrafficFilterMessage> DumpFilters(int linkIndex, uint parent)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpFilters(ref writer, sequence, linkIndex, parent);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump filters", out var generation, out var replySequence);
            return new NetlinkDump<TrafficFilterMessage>(this, messages, replySequence, generation);
        }
    }

    private void QdiscRequest(ushort type, ushort flags, in Qdisc qdisc, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Qdisc(ref writer, sequence, type, flags, qdisc);
            Acknowledge(writer.Written, sequence, operation);
        }
    }

    private void FilterRequest(ushort type, ushort flags, in TrafficFilter filter, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Filter(ref writer, sequence, type, flags, filter);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
