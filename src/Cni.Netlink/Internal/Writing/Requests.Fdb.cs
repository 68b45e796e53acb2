using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    private const int MacLength = 6;

    /// <summary>RTM_NEWNEIGH or RTM_DELNEIGH on AF_BRIDGE, as <c>bridge fdb add|replace|append|del</c> sends it.</summary>
    public static void Fdb(ref NetlinkWriter writer, uint sequence, ushort type, ushort flags, in FdbEntry entry)
    {
        if (entry.HardwareAddress.Length != MacLength)
        {
            ThrowHelper.ThrowArgument($"An FDB entry needs a 6-byte MAC address (got {entry.HardwareAddress.Length} bytes).", nameof(entry));
        }

        if (entry.Vlan is 0 or > Cni.Netlink.BridgeVlan.MaxId)
        {
            ThrowHelper.ThrowArgument($"A bridge VLAN is 1 to {Cni.Netlink.BridgeVlan.MaxId} (got {entry.Vlan}).", nameof(entry));
        }

        if (entry.Vni is < 0 or > 0xFFFFFF)
        {
            ThrowHelper.ThrowArgument($"A VNI has 24 bits (got {entry.Vni}).", nameof(entry));
        }

        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<ndmsg>();
        header.ndm_family = AddressFamilies.Bridge;
        header.ndm_ifindex = entry.LinkIndex;
        header.ndm_state = (ushort)(entry.State == NeighborState.None ? NeighborState.Permanent | NeighborState.NoArp : entry.State);
        header.ndm_flags = (byte)(entry.Flags == NeighborFlags.None ? NeighborFlags.Self : entry.Flags);
        writer.Put(Nda.LlAddr, entry.HardwareAddress.Span);
        if (entry.Destination is not null)
        {
            writer.PutAddress(Nda.Dst, entry.Destination);
        }

        if (entry.Vlan is { } vlan)
        {
            writer.PutUInt16(Nda.Vlan, vlan);
        }

        if (entry.Port is { } port)
        {
            writer.PutUInt16BigEndian(Nda.Port, port);
        }

        if (entry.Vni is { } vni)
        {
            writer.PutUInt32(Nda.Vni, (uint)vni);
        }

        writer.EndMessage();
    }

    /// <summary>
    /// An AF_BRIDGE neighbour dump, as <c>bridge fdb show [dev LINK] [br MASTER]</c> sends it: the
    /// device in ndm_ifindex, the bridge in NDA_MASTER, both filtered by the kernel.
    /// </summary>
    public static void DumpFdb(ref NetlinkWriter writer, uint sequence, int linkIndex, int masterIndex)
    {
        writer.BeginMessage(Rtm.GetNeigh, DumpRequest, sequence);
        ref var header = ref writer.Reserve<ndmsg>();
        header.ndm_family = AddressFamilies.Bridge;
        header.ndm_ifindex = linkIndex;
        if (masterIndex != 0)
        {
            writer.PutInt32(Nda.Master, masterIndex);
        }

        writer.EndMessage();
    }
}
