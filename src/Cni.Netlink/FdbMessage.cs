using System.Net;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A forwarding database entry as the kernel described it (RTM_NEWNEIGH on AF_BRIDGE), read in place: the read side of <see cref="FdbEntry"/>.</summary>
public readonly ref struct FdbMessage : INetlinkMessage<FdbMessage>
{
    private const int MacLength = 6;

    static ushort INetlinkMessage<FdbMessage>.MessageType => Rtm.NewNeigh;

    static FdbMessage INetlinkMessage<FdbMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private FdbMessage(ndmsg header)
    {
        LinkIndex = header.ndm_ifindex;
        State = (NeighborState)header.ndm_state;
        Flags = (NeighborFlags)header.ndm_flags;
    }

    /// <summary>The device (ndm_ifindex).</summary>
    public int LinkIndex { get; }

    /// <summary>The entry's state (<see cref="NeighborState.Permanent"/> for a static entry, <see cref="NeighborState.Reachable"/> for a learned one).</summary>
    public NeighborState State { get; }

    /// <summary>The entry's flags: <see cref="NeighborFlags.Self"/> for a device's own entry (a VXLAN device's); a bridge reports the entries of its ports with <see cref="MasterIndex"/> instead.</summary>
    public NeighborFlags Flags { get; }

    /// <summary>The MAC address (NDA_LLADDR), 6 bytes.</summary>
    public ReadOnlySpan<byte> HardwareAddress { get; private init; }

    /// <summary>The remote tunnel endpoint (NDA_DST) in network byte order, empty for a bridge entry.</summary>
    public ReadOnlySpan<byte> DestinationBytes { get; private init; }

    /// <summary>The bridge VLAN of the entry (NDA_VLAN); <see langword="null"/> for an entry without one.</summary>
    public ushort? Vlan { get; private init; }

    /// <summary>The remote's VNI (NDA_VNI); the kernel reports it only when it differs from the device's.</summary>
    public int? Vni { get; private init; }

    /// <summary>The remote's UDP port (NDA_PORT); the kernel reports it only when it differs from the device's.</summary>
    public ushort? Port { get; private init; }

    /// <summary>The bridge of a port's entry (NDA_MASTER), 0 when none.</summary>
    public int MasterIndex { get; private init; }

    /// <summary>The remote tunnel endpoint (allocates), or <see langword="null"/>.</summary>
    /// <returns>The address.</returns>
    public IPAddress? GetDestination() => DestinationBytes.IsEmpty ? null : new IPAddress(DestinationBytes);

    /// <summary>
    /// An owned copy of the entry (allocates), to keep after the message's buffer is reused; it deletes
    /// this very entry when passed to <see cref="NetlinkSocket.DeleteFdbEntry(in FdbEntry)"/>. A port's
    /// entry that a bridge reports (with <see cref="MasterIndex"/>) gets <see cref="NeighborFlags.Master"/>,
    /// which is how a request names the bridge's table.
    /// </summary>
    /// <returns>The copy.</returns>
    public FdbEntry ToFdbEntry() => new()
    {
        LinkIndex = LinkIndex,
        HardwareAddress = HardwareAddress.ToArray(),
        Destination = GetDestination(),
        Vni = Vni,
        Port = Port,
        Vlan = Vlan,
        State = State,
        Flags = MasterIndex != 0 ? Flags | NeighborFlags.Master : Flags,
    };

    internal static FdbMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out ndmsg header);
        ReadOnlySpan<byte> hardware = default, destination = default;
        int? vni = null;
        ushort? port = null, vlan = null;
        var master = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Nda.LlAddr:
                    hardware = attribute.Value;
                    break;
                case Nda.Dst:
                    destination = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case Nda.Vlan:
                    vlan = attribute.GetUInt16();
                    break;
                case Nda.Vni:
                    vni = (int)attribute.GetUInt32();
                    break;
                case Nda.Port:
                    port = attribute.GetUInt16BigEndian();
                    break;
                case Nda.Master:
                    master = attribute.GetInt32();
                    break;
            }
        }

        if (hardware.Length != MacLength)
        {
            ThrowHelper.ThrowMalformed("an fdb entry without a 6-byte NDA_LLADDR");
        }

        return new FdbMessage(header)
        {
            HardwareAddress = hardware,
            DestinationBytes = destination,
            Vlan = vlan,
            Vni = vni,
            Port = port,
            MasterIndex = master,
        };
    }
}
