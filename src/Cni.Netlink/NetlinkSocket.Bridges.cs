using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>
    /// Changes a bridge port's flags (RTM_SETLINK on AF_BRIDGE with IFLA_PROTINFO), as
    /// <c>bridge link set dev PORT hairpin on isolated on learning off</c>. Read them back with
    /// <see cref="LinkInfo.BridgePort"/>.
    /// </summary>
    /// <param name="portIndex">The port's index; the link must be enslaved to a bridge.</param>
    /// <param name="settings">The flags to change; unset ones are left as they are.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotSupported"/> when the link is not a bridge port).</exception>
    public void SetBridgePort(int portIndex, in BridgePortSettings settings)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.SetBridgePort(ref writer, sequence, portIndex, settings);
            Acknowledge(writer.Written, sequence, "set bridge port");
        }
    }

    /// <summary>
    /// Adds a VLAN or a range of VLANs to a bridge port, or with <paramref name="self"/> to the bridge
    /// itself, as <c>bridge vlan add dev LINK vid 10 pvid untagged [self]</c>. Adding one that is
    /// there updates its PVID and untagged flags.
    /// </summary>
    /// <param name="linkIndex">The port's index, or the bridge's with <paramref name="self"/>.</param>
    /// <param name="vlan">The VLAN or range.</param>
    /// <param name="self">On the bridge device itself (BRIDGE_FLAGS_SELF) rather than on a port.</param>
    /// <exception cref="ArgumentException">Ids outside 1 to 4094, or a PVID range.</exception>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotSupported"/> when the kernel has no bridge VLAN filtering or the link is not a port).</exception>
    public void AddBridgeVlan(int linkIndex, in BridgeVlan vlan, bool self = false)
        => BridgeVlanRequest(Rtm.SetLink, linkIndex, vlan, self, "add bridge vlan");

    /// <summary>
    /// Removes a VLAN or a range of VLANs from a bridge port, or with <paramref name="self"/> from the
    /// bridge itself, as <c>bridge vlan del dev LINK vid 1</c> (the CNI bridge plugin's
    /// <c>preserveDefaultVlan: false</c>).
    /// </summary>
    /// <param name="linkIndex">The port's index, or the bridge's with <paramref name="self"/>.</param>
    /// <param name="vlan">The VLAN or range; its PVID and untagged flags do not matter.</param>
    /// <param name="self">On the bridge device itself rather than on a port.</param>
    /// <exception cref="ArgumentException">Ids outside 1 to 4094.</exception>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void DeleteBridgeVlan(int linkIndex, in BridgeVlan vlan, bool self = false)
        => BridgeVlanRequest(Rtm.DelLink, linkIndex, vlan with { Pvid = false, Untagged = false }, self, "delete bridge vlan");

    /// <summary>
    /// Lists every bridge port with its flags and VLANs, and every bridge with its own VLANs (an
    /// AF_BRIDGE dump with RTEXT_FILTER_BRVLAN_COMPRESSED, as <c>bridge -c vlan show</c>).
    /// </summary>
    /// <returns>The entries, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<BridgePortMessage> DumpBridgePorts()
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpBridgePorts(ref writer, sequence);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump bridge ports", out var generation, out var replySequence);
            return new NetlinkDump<BridgePortMessage>(this, messages, replySequence, generation);
        }
    }

    private void BridgeVlanRequest(ushort type, int linkIndex, in BridgeVlan vlan, bool self, string operation)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.BridgeVlan(ref writer, sequence, type, linkIndex, vlan, self);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
