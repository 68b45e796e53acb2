using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    /// <summary>
    /// RTM_SETLINK on AF_BRIDGE with IFLA_PROTINFO: what <c>bridge link set dev PORT hairpin on</c>
    /// sends. NLA_F_NESTED is required here: without it the kernel reads the attribute as the old
    /// one-byte port state.
    /// </summary>
    public static void SetBridgePort(ref NetlinkWriter writer, uint sequence, int index, in BridgePortSettings settings)
    {
        writer.BeginMessage(Rtm.SetLink, Ack, sequence);
        ref var header = ref writer.Reserve<ifinfomsg>();
        header.ifi_family = AddressFamilies.Bridge;
        header.ifi_index = index;
        var protinfo = writer.BeginNested(Ifla.ProtInfo);
        if (settings.Hairpin is { } hairpin)
        {
            writer.PutUInt8(IflaBrport.Mode, hairpin ? (byte)1 : (byte)0);
        }

        if (settings.Isolated is { } isolated)
        {
            writer.PutUInt8(IflaBrport.Isolated, isolated ? (byte)1 : (byte)0);
        }

        if (settings.Learning is { } learning)
        {
            writer.PutUInt8(IflaBrport.Learning, learning ? (byte)1 : (byte)0);
        }

        writer.EndNested(protinfo);
        writer.EndMessage();
    }

    /// <summary>
    /// RTM_SETLINK (add) or RTM_DELLINK (delete) on AF_BRIDGE with IFLA_AF_SPEC: what
    /// <c>bridge vlan add|del dev LINK vid ID [pvid] [untagged] [self]</c> sends. A range is a
    /// RANGE_BEGIN entry followed by a RANGE_END entry with the same other flags.
    /// </summary>
    public static void BridgeVlan(ref NetlinkWriter writer, uint sequence, ushort type, int index, in BridgeVlan vlan, bool self)
    {
        if (vlan.Id is 0 or > Cni.Netlink.BridgeVlan.MaxId || vlan.LastId < vlan.Id || vlan.LastId > Cni.Netlink.BridgeVlan.MaxId)
        {
            ThrowHelper.ThrowArgument($"VLAN ids must be 1 to {Cni.Netlink.BridgeVlan.MaxId}, the range's last not below its first (got {vlan.Id}-{vlan.LastId}).", nameof(vlan));
        }

        if (vlan.Pvid && vlan.IsRange)
        {
            ThrowHelper.ThrowArgument("A range of VLANs cannot be the PVID.", nameof(vlan));
        }

        writer.BeginMessage(type, Ack, sequence);
        ref var header = ref writer.Reserve<ifinfomsg>();
        header.ifi_family = AddressFamilies.Bridge;
        header.ifi_index = index;
        // Without NLA_F_NESTED, as iproute2 sends it; the kernel finds IFLA_AF_SPEC by its masked type either way.
        var spec = writer.BeginAttribute(Ifla.AfSpec);
        if (self)
        {
            writer.PutUInt16(IflaBridge.Flags, BridgeFlags.Self);
        }

        var flags = (ushort)((vlan.Pvid ? BridgeVlanInfo.Pvid : 0) | (vlan.Untagged ? BridgeVlanInfo.Untagged : 0));
        if (vlan.IsRange)
        {
            PutVlanInfo(ref writer, (ushort)(flags | BridgeVlanInfo.RangeBegin), vlan.Id);
            PutVlanInfo(ref writer, (ushort)(flags | BridgeVlanInfo.RangeEnd), vlan.LastId);
        }
        else
        {
            PutVlanInfo(ref writer, flags, vlan.Id);
        }

        writer.EndNested(spec);
        writer.EndMessage();
    }

    /// <summary>A bridge dump (AF_BRIDGE) asking for each port's VLANs, ranges compressed.</summary>
    public static void DumpBridgePorts(ref NetlinkWriter writer, uint sequence)
    {
        writer.BeginMessage(Rtm.GetLink, DumpRequest, sequence);
        writer.Reserve<ifinfomsg>().ifi_family = AddressFamilies.Bridge;
        writer.PutUInt32(Ifla.ExtMask, RtextFilter.BrvlanCompressed);
        writer.EndMessage();
    }

    private static void PutVlanInfo(ref NetlinkWriter writer, ushort flags, ushort id)
    {
        var info = new bridge_vlan_info { flags = flags, vid = id };
        writer.Put(IflaBridge.VlanInfo, System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<bridge_vlan_info>(in info)));
    }
}
