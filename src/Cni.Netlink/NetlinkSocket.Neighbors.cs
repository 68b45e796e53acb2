using System.Net.Sockets;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>Adds a neighbour entry (RTM_NEWNEIGH with NLM_F_CREATE | NLM_F_EXCL), as <c>ip neigh add</c>.</summary>
    /// <param name="neighbor">The entry.</param>
    /// <exception cref="ArgumentException">The entry has no IP address.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when there is one for the address).</exception>
    public void AddNeighbor(in Neighbor neighbor) => NeighborRequest(Rtm.NewNeigh, Requests.CreateExclusive, neighbor, "add neighbour");

    /// <summary>Adds a neighbour entry or replaces the one for the same address and link, as <c>ip neigh replace</c>.</summary>
    /// <param name="neighbor">The entry.</param>
    /// <exception cref="ArgumentException">The entry has no IP address.</exception>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void ReplaceNeighbor(in Neighbor neighbor) => NeighborRequest(Rtm.NewNeigh, Requests.CreateOrReplace, neighbor, "replace neighbour");

    /// <summary>Deletes the neighbour entry for an address on a link, as <c>ip neigh del</c>.</summary>
    /// <param name="neighbor">The entry: <see cref="Neighbor.LinkIndex"/> and <see cref="Neighbor.Address"/> matter.</param>
    /// <exception cref="ArgumentException">The entry has no IP address.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when there is none).</exception>
    public void DeleteNeighbor(in Neighbor neighbor) => NeighborRequest(Rtm.DelNeigh, Requests.Ack, neighbor, "delete neighbour");

    /// <summary>Lists neighbour entries (ARP and NDP caches); the kernel filters by family and link.</summary>
    /// <param name="family">IPv4, IPv6, or <see cref="AddressFamily.Unspecified"/> for both.</param>
    /// <param name="linkIndex">One link, or 0 for all.</param>
    /// <returns>The entries, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<NeighborMessage> DumpNeighbors(AddressFamily family = AddressFamily.Unspecified, int linkIndex = 0)
    {
        var linuxFamily = AddressFamilies.ToLinux(family);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpNeighbors(ref writer, sequence, linuxFamily, linkIndex);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump neighbours", out var generation, out var replySequence);
            return new NetlinkDump<NeighborMessage>(this, messages, replySequence, generation);
        }
    }

    private void NeighborRequest(ushort type, ushort flags, in Neighbor neighbor, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Neighbor(ref writer, sequence, type, flags, neighbor);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
