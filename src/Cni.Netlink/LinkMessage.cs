using System.Text;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A link as the kernel described it (RTM_NEWLINK), read in place from the socket's buffer: nothing
/// is copied or allocated until you ask for a string. Valid while the dump that produced it is.
/// </summary>
public readonly ref struct LinkMessage : INetlinkMessage<LinkMessage>
{
    static ushort INetlinkMessage<LinkMessage>.MessageType => Rtm.NewLink;

    static LinkMessage INetlinkMessage<LinkMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private static ReadOnlySpan<byte> BridgeKind => "bridge"u8;

    private static ReadOnlySpan<byte> VxlanKind => "vxlan"u8;

    private static ReadOnlySpan<byte> BondKind => "bond"u8;

    private static ReadOnlySpan<byte> VrfKind => "vrf"u8;

    private static ReadOnlySpan<byte> GeneveKind => "geneve"u8;

    private static ReadOnlySpan<byte> TunKind => "tun"u8;

    private static ReadOnlySpan<byte> VlanKind => "vlan"u8;

    private static ReadOnlySpan<byte> MacvlanKind => "macvlan"u8;

    private static ReadOnlySpan<byte> MacvtapKind => "macvtap"u8;

    private static ReadOnlySpan<byte> IpvlanKind => "ipvlan"u8;

    private readonly ReadOnlySpan<byte> _infoData;
    private readonly ReadOnlySpan<byte> _slaveKind;
    private readonly ReadOnlySpan<byte> _slaveData;

    private LinkMessage(ifinfomsg header, ReadOnlySpan<byte> infoData, ReadOnlySpan<byte> slaveKind, ReadOnlySpan<byte> slaveData)
    {
        _infoData = infoData;
        _slaveKind = slaveKind;
        _slaveData = slaveData;
        Index = header.ifi_index;
        DeviceType = header.ifi_type;
        Flags = (InterfaceFlags)header.ifi_flags;
    }

    /// <summary>The link's index (ifi_index).</summary>
    public int Index { get; }

    /// <summary>The hardware type (ifi_type, ARPHRD_*: 1 Ethernet, 772 loopback).</summary>
    public ushort DeviceType { get; }

    /// <summary>The link's flags.</summary>
    public InterfaceFlags Flags { get; }

    /// <summary>Whether the link is set up (IFF_UP).</summary>
    public bool IsUp => (Flags & InterfaceFlags.Up) != 0;

    /// <summary>The name in UTF-8 (IFLA_IFNAME), without its NUL.</summary>
    public ReadOnlySpan<byte> NameUtf8 { get; private init; }

    /// <summary>The kind in UTF-8 (IFLA_INFO_KIND: "bridge", "veth", ...), empty for kinds that report none.</summary>
    public ReadOnlySpan<byte> KindUtf8 { get; private init; }

    /// <summary>The MAC address (IFLA_ADDRESS), empty when the link has none.</summary>
    public ReadOnlySpan<byte> HardwareAddress { get; private init; }

    /// <summary>The MTU (IFLA_MTU).</summary>
    public int Mtu { get; private init; }

    /// <summary>The index of its bridge or bond (IFLA_MASTER), 0 for none.</summary>
    public int MasterIndex { get; private init; }

    /// <summary>The index of the link it stacks on or is paired with (IFLA_LINK), 0 for none; for a veth, the peer's index (in the peer's namespace).</summary>
    public int ParentIndex { get; private init; }

    /// <summary>The transmit queue length (IFLA_TXQLEN).</summary>
    public int TransmitQueueLength { get; private init; }

    /// <summary>The RFC 2863 operational state (IFLA_OPERSTATE).</summary>
    public OperationalState OperationalState { get; private init; }

    /// <summary>The name as a string (allocates).</summary>
    /// <returns>The name.</returns>
    public string GetName() => Encoding.UTF8.GetString(NameUtf8);

    /// <summary>Whether the name is <paramref name="name"/>, without allocating.</summary>
    /// <param name="name">The name to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool NameEquals(string name) => Utf8Names.EqualTo(NameUtf8, name);

    /// <summary>A bridge's VLAN settings (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="bridge">The settings when this link is a bridge.</param>
    /// <returns><see langword="false"/> when the link is not a bridge.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetBridge(out BridgeState bridge)
    {
        var isBridge = KindUtf8.SequenceEqual(BridgeKind);
        bridge = isBridge ? BridgeState.Parse(_infoData) : default;
        return isBridge;
    }

    /// <summary>A VXLAN link's settings (from IFLA_INFO_DATA), read only when asked; allocates the local address when there is one.</summary>
    /// <param name="vxlan">The settings when this link is a VXLAN link.</param>
    /// <returns><see langword="false"/> when the link is not a VXLAN link.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetVxlan(out VxlanState vxlan) => TryGetVxlan(null, out vxlan);

    internal bool TryGetVxlan(System.Net.IPAddress? previousLocal, out VxlanState vxlan)
    {
        var isVxlan = KindUtf8.SequenceEqual(VxlanKind);
        vxlan = isVxlan ? VxlanState.Parse(_infoData, previousLocal) : default;
        return isVxlan;
    }

    /// <summary>A bond's options (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="bond">The options when this link is a bond.</param>
    /// <returns><see langword="false"/> when the link is not a bond.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetBond(out BondState bond)
    {
        var isBond = KindUtf8.SequenceEqual(BondKind);
        bond = isBond ? BondState.Parse(_infoData) : default;
        return isBond;
    }

    /// <summary>A bond port's state (from IFLA_INFO_SLAVE_DATA), read only when asked.</summary>
    /// <param name="port">The state when this link is enslaved to a bond.</param>
    /// <returns><see langword="false"/> when the link is not a bond port.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetBondPort(out BondPortState port)
    {
        var isPort = _slaveKind.SequenceEqual(BondKind);
        port = isPort ? BondPortState.Parse(_slaveData) : default;
        return isPort;
    }

    /// <summary>A VRF's table (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="vrf">The settings when this link is a VRF.</param>
    /// <returns><see langword="false"/> when the link is not a VRF.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetVrf(out VrfState vrf)
    {
        var isVrf = KindUtf8.SequenceEqual(VrfKind);
        vrf = isVrf ? VrfState.Parse(_infoData) : default;
        return isVrf;
    }

    /// <summary>A Geneve link's settings (from IFLA_INFO_DATA), read only when asked; allocates the remote address when there is one.</summary>
    /// <param name="geneve">The settings when this link is a Geneve link.</param>
    /// <returns><see langword="false"/> when the link is not a Geneve link.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetGeneve(out GeneveState geneve) => TryGetGeneve(null, out geneve);

    /// <summary>A tun or tap link's settings (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="tun">The settings when this link is a tun or tap link.</param>
    /// <returns><see langword="false"/> when the link is not a tun or tap link.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetTun(out TunState tun)
    {
        var isTun = KindUtf8.SequenceEqual(TunKind);
        tun = isTun ? TunState.Parse(_infoData) : default;
        return isTun;
    }

    internal bool TryGetGeneve(System.Net.IPAddress? previousRemote, out GeneveState geneve)
    {
        var isGeneve = KindUtf8.SequenceEqual(GeneveKind);
        geneve = isGeneve ? GeneveState.Parse(_infoData, previousRemote) : default;
        return isGeneve;
    }

    /// <summary>A vlan link's VLAN identifier and tag (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="vlan">The settings when this link is a vlan link.</param>
    /// <returns><see langword="false"/> when the link is not a vlan link.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetVlan(out VlanState vlan)
    {
        var isVlan = KindUtf8.SequenceEqual(VlanKind);
        vlan = isVlan ? VlanState.Parse(_infoData) : default;
        return isVlan;
    }

    /// <summary>A macvlan or macvtap link's mode (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="macvlan">The settings when this link is a macvlan or macvtap link.</param>
    /// <returns><see langword="false"/> when the link is neither.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetMacvlan(out MacvlanState macvlan)
    {
        var isMacvlan = KindUtf8.SequenceEqual(MacvlanKind) || KindUtf8.SequenceEqual(MacvtapKind);
        macvlan = isMacvlan ? MacvlanState.Parse(_infoData) : default;
        return isMacvlan;
    }

    /// <summary>An ipvlan link's mode and isolation (from IFLA_INFO_DATA), read only when asked.</summary>
    /// <param name="ipvlan">The settings when this link is an ipvlan link.</param>
    /// <returns><see langword="false"/> when the link is not an ipvlan link.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetIpvlan(out IpvlanState ipvlan)
    {
        var isIpvlan = KindUtf8.SequenceEqual(IpvlanKind);
        ipvlan = isIpvlan ? IpvlanState.Parse(_infoData) : default;
        return isIpvlan;
    }

    /// <summary>A bridge port's flags (from IFLA_INFO_SLAVE_DATA), read only when asked.</summary>
    /// <param name="port">The flags when this link is a bridge port.</param>
    /// <returns><see langword="false"/> when the link is not enslaved to a bridge.</returns>
    /// <exception cref="NetlinkException">The attributes are malformed (EBADMSG).</exception>
    public bool TryGetBridgePort(out BridgePortSettings port)
    {
        var isPort = _slaveKind.SequenceEqual(BridgeKind);
        port = isPort ? BridgePortSettings.Parse(_slaveData) : default;
        return isPort;
    }

    /// <summary>Reads a link message's payload (ifinfomsg and attributes), checking every length.</summary>
    internal static LinkMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out ifinfomsg header);
        ReadOnlySpan<byte> name = default, kind = default, address = default, infoData = default, slaveKind = default, slaveData = default;
        int mtu = 0, master = 0, parent = 0, queue = 0;
        byte state = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Ifla.IfName:
                    name = attribute.GetStringUtf8();
                    break;
                case Ifla.Address:
                    address = attribute.Value;
                    break;
                case Ifla.Mtu:
                    mtu = attribute.GetInt32();
                    break;
                case Ifla.Master:
                    master = attribute.GetInt32();
                    break;
                case Ifla.Link:
                    parent = attribute.GetInt32();
                    break;
                case Ifla.TxQLen:
                    queue = attribute.GetInt32();
                    break;
                case Ifla.OperState:
                    state = attribute.GetUInt8();
                    break;
                case Ifla.LinkInfo:
                    foreach (var info in attribute.Nested)
                    {
                        switch (info.Type)
                        {
                            case IflaInfo.Kind:
                                kind = info.GetStringUtf8();
                                break;
                            case IflaInfo.Data:
                                infoData = info.Value;
                                break;
                            case IflaInfo.SlaveKind:
                                slaveKind = info.GetStringUtf8();
                                break;
                            case IflaInfo.SlaveData:
                                slaveData = info.Value;
                                break;
                        }
                    }

                    break;
            }
        }

        return new LinkMessage(header, infoData, slaveKind, slaveData)
        {
            NameUtf8 = name,
            KindUtf8 = kind,
            HardwareAddress = address,
            Mtu = mtu,
            MasterIndex = master,
            ParentIndex = parent,
            TransmitQueueLength = queue,
            OperationalState = (OperationalState)state,
        };
    }
}
