using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>Adds a forwarding database entry (RTM_NEWNEIGH on AF_BRIDGE with NLM_F_CREATE | NLM_F_EXCL), as <c>bridge fdb add</c>.</summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="ArgumentException">The MAC address is not 6 bytes, or the VNI has more than 24 bits.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the MAC address has an entry).</exception>
    public void AddFdbEntry(in FdbEntry entry) => FdbRequest(Rtm.NewNeigh, Requests.CreateExclusive, entry, "add fdb entry");

    /// <summary>
    /// Adds a forwarding database entry or replaces the one for the same MAC address (NLM_F_REPLACE),
    /// as <c>bridge fdb replace</c>; on a VXLAN device the entry's first destination is replaced.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="ArgumentException">The MAC address is not 6 bytes, or the VNI has more than 24 bits.</exception>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void ReplaceFdbEntry(in FdbEntry entry) => FdbRequest(Rtm.NewNeigh, Requests.CreateOrReplace, entry, "replace fdb entry");

    /// <summary>
    /// Adds one more destination to a VXLAN device's entry for a MAC address (NLM_F_APPEND), as
    /// <c>bridge fdb append</c>: with the all-zeros MAC, the list of remotes that broadcast and
    /// unknown frames are flooded to.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <exception cref="ArgumentException">The MAC address is not 6 bytes, or the VNI has more than 24 bits.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when this destination is there).</exception>
    public void AppendFdbEntry(in FdbEntry entry) => FdbRequest(Rtm.NewNeigh, Requests.CreateOrAppend, entry, "append fdb entry");

    /// <summary>
    /// Deletes a forwarding database entry, as <c>bridge fdb del</c>; on a VXLAN device, a
    /// <see cref="FdbEntry.Destination"/> deletes only that destination of the MAC address's entry.
    /// </summary>
    /// <param name="entry">The entry: the link, the MAC address, the flags, and for VXLAN the destination.</param>
    /// <exception cref="ArgumentException">The MAC address is not 6 bytes, or the VNI has more than 24 bits.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when there is none).</exception>
    public void DeleteFdbEntry(in FdbEntry entry) => FdbRequest(Rtm.DelNeigh, Requests.Ack, entry, "delete fdb entry");

    /// <summary>Lists forwarding database entries, as <c>bridge fdb show</c>; the kernel filters by device and by bridge.</summary>
    /// <param name="linkIndex">One device (a VXLAN device, a bridge port or a bridge), or 0 for all.</param>
    /// <param name="masterIndex">The ports of one bridge, or 0 for all.</param>
    /// <returns>The entries, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<FdbMessage> DumpFdb(int linkIndex = 0, int masterIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(linkIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(masterIndex);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpFdb(ref writer, sequence, linkIndex, masterIndex);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump fdb", out var generation, out var replySequence);
            return new NetlinkDump<FdbMessage>(this, messages, replySequence, generation);
        }
    }

    private void FdbRequest(ushort type, ushort flags, in FdbEntry entry, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Fdb(ref writer, sequence, type, flags, entry);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
