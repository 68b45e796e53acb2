using System.Net.NetworkInformation;
using Cni.Netlink.Internal.Reading;

namespace Cni.Netlink;

/// <summary>
/// A copy of a link's state that <see cref="NetlinkSocket.TryGetLink(int, LinkInfo)"/> fills in.
/// Reuse one instance to read links without allocating: the name and kind strings are kept when
/// they did not change.
/// </summary>
public sealed class LinkInfo
{
    private readonly byte[] _hardwareAddress = new byte[32];
    private int _hardwareAddressLength;

    /// <summary>The link's index.</summary>
    public int Index { get; private set; }

    /// <summary>The link's name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The kind ("bridge", "veth", ...), or <see langword="null"/> when the kernel reports none (physical links, loopback).</summary>
    public string? Kind { get; private set; }

    /// <summary>The hardware type (ARPHRD_*: 1 Ethernet, 772 loopback).</summary>
    public ushort DeviceType { get; private set; }

    /// <summary>The link's flags.</summary>
    public InterfaceFlags Flags { get; private set; }

    /// <summary>Whether the link is set up (IFF_UP).</summary>
    public bool IsUp => (Flags & InterfaceFlags.Up) != 0;

    /// <summary>The MTU.</summary>
    public int Mtu { get; private set; }

    /// <summary>The index of its bridge or bond, 0 for none.</summary>
    public int MasterIndex { get; private set; }

    /// <summary>The index of the link it stacks on or is paired with (IFLA_LINK), 0 for none.</summary>
    public int ParentIndex { get; private set; }

    /// <summary>The transmit queue length.</summary>
    public int TransmitQueueLength { get; private set; }

    /// <summary>The RFC 2863 operational state.</summary>
    public OperationalState OperationalState { get; private set; }

    /// <summary>The bridge's VLAN settings when the link is a bridge, else <see langword="null"/>.</summary>
    public BridgeState? Bridge { get; private set; }

    /// <summary>The VXLAN settings when the link is a VXLAN link, else <see langword="null"/>.</summary>
    public VxlanState? Vxlan { get; private set; }

    /// <summary>The bond's options when the link is a bond, else <see langword="null"/>.</summary>
    public BondState? Bond { get; private set; }

    /// <summary>The port's state when the link is enslaved to a bond, else <see langword="null"/>.</summary>
    public BondPortState? BondPort { get; private set; }

    /// <summary>The VRF's table when the link is a VRF, else <see langword="null"/>.</summary>
    public VrfState? Vrf { get; private set; }

    /// <summary>The Geneve settings when the link is a Geneve link, else <see langword="null"/>.</summary>
    public GeneveState? Geneve { get; private set; }

    /// <summary>The tun/tap settings when the link is a tun or tap link, else <see langword="null"/>.</summary>
    public TunState? Tun { get; private set; }

    /// <summary>A vlan link's VLAN identifier and tag; <see langword="null"/> for other kinds.</summary>
    public VlanState? Vlan { get; private set; }

    /// <summary>A macvlan or macvtap link's mode; <see langword="null"/> for other kinds.</summary>
    public MacvlanState? Macvlan { get; private set; }

    /// <summary>An ipvlan link's mode and isolation; <see langword="null"/> for other kinds.</summary>
    public IpvlanState? Ipvlan { get; private set; }

    /// <summary>The port's flags (hairpin, isolated, learning) when the link is a bridge port, else <see langword="null"/>.</summary>
    public BridgePortSettings? BridgePort { get; private set; }

    /// <summary>The MAC address, empty when the link has none.</summary>
    public ReadOnlySpan<byte> HardwareAddress => _hardwareAddress.AsSpan(0, _hardwareAddressLength);

    /// <summary>The MAC address as a <see cref="PhysicalAddress"/> (allocates).</summary>
    /// <returns>The address.</returns>
    public PhysicalAddress GetPhysicalAddress() => new(HardwareAddress.ToArray());

    /// <summary>Copies a link message into this instance.</summary>
    /// <param name="link">The message.</param>
    public void CopyFrom(LinkMessage link) => CopyFrom(link, null);

    internal void CopyFrom(LinkMessage link, string? knownName)
    {
        Index = link.Index;
        Name = Utf8Names.Reuse(link.NameUtf8, Utf8Names.EqualTo(link.NameUtf8, knownName) ? knownName : Name);
        Kind = Utf8Names.Kind(link.KindUtf8, Kind);
        DeviceType = link.DeviceType;
        Flags = link.Flags;
        Mtu = link.Mtu;
        MasterIndex = link.MasterIndex;
        ParentIndex = link.ParentIndex;
        TransmitQueueLength = link.TransmitQueueLength;
        OperationalState = link.OperationalState;
        Bridge = link.TryGetBridge(out var bridge) ? bridge : null;
        BridgePort = link.TryGetBridgePort(out var port) ? port : null;
        Vxlan = link.TryGetVxlan(Vxlan?.Local, out var vxlan) ? vxlan : null;
        Bond = link.TryGetBond(out var bond) ? bond : null;
        BondPort = link.TryGetBondPort(out var bondPort) ? bondPort : null;
        Vrf = link.TryGetVrf(out var vrf) ? vrf : null;
        Geneve = link.TryGetGeneve(Geneve?.Remote, out var geneve) ? geneve : null;
        Tun = link.TryGetTun(out var tun) ? tun : null;
        Vlan = link.TryGetVlan(out var vlan) ? vlan : null;
        Macvlan = link.TryGetMacvlan(out var macvlan) ? macvlan : null;
        Ipvlan = link.TryGetIpvlan(out var ipvlan) ? ipvlan : null;
        var address = link.HardwareAddress;
        _hardwareAddressLength = Math.Min(address.Length, _hardwareAddress.Length);
        address[.._hardwareAddressLength].CopyTo(_hardwareAddress);
    }
}
