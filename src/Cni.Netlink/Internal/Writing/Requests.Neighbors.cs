using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    /// <summary>RTM_NEWNEIGH or RTM_DELNEIGH, as <c>ip neigh add|replace|del</c> sends it.</summary>
    public static void Neighbor(ref NetlinkWriter writer, uint sequence, ushort type, ushort flags, in Neighbor neighbor)
    {
        if (neighbor.Address is null)
        {
            ThrowHelper.ThrowArgument("A neighbour entry needs its IP address.", nameof(neighbor));
        }

        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<ndmsg>();
        header.ndm_family = AddressFamilies.Of(neighbor.Address);
        header.ndm_ifindex = neighbor.LinkIndex;
        header.ndm_state = (ushort)(neighbor.State == NeighborState.None ? NeighborState.Permanent : neighbor.State);
        header.ndm_flags = (byte)neighbor.Flags;
        writer.PutAddress(Nda.Dst, neighbor.Address);
        if (!neighbor.HardwareAddress.IsEmpty)
        {
            writer.Put(Nda.LlAddr, neighbor.HardwareAddress.Span);
        }

        writer.EndMessage();
    }

    /// <summary>A neighbour dump; a link other than 0 is filtered by the kernel (NDA_IFINDEX, strict checking).</summary>
    public static void DumpNeighbors(ref NetlinkWriter writer, uint sequence, byte family, int linkIndex)
    {
        writer.BeginMessage(Rtm.GetNeigh, DumpRequest, sequence);
        writer.Reserve<ndmsg>().ndm_family = family;
        if (linkIndex != 0)
        {
            writer.PutInt32(Nda.IfIndex, linkIndex);
        }

        writer.EndMessage();
    }
}
