using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;
using Cni.Testing;

namespace Cni.Netlink.Tests;

/// <summary>
/// The bytes of every request the socket sends, pinned by golden files (Golden/requests/*.hex).
/// They were checked against the kernel's uapi structs and against what iproute2 6.1 sends for the
/// same command (strace -e sendmsg). What this machine's kernel lacks (vlan, ipvlan, bridge VLAN
/// filtering, ...) is created for real in the VM lane (StockKernel/, eng/kernel-test.sh).
/// </summary>
public class RequestGoldenTests
{
    private delegate void Build(ref NetlinkWriter writer);

    private const uint Sequence = 7;

    private static readonly Dictionary<string, Build> Cases = new()
    {
        ["link-new-bridge"] = (ref w) => Requests.NewLink(ref w, Sequence, new BridgeSpec("cni0")),
        ["link-new-bridge-settings"] = (ref w) => Requests.NewLink(ref w, Sequence, new BridgeSpec("cni0")
        {
            Mtu = 1450,
            VlanFiltering = true,
            DefaultPvid = 1,
            Up = true,
            HardwareAddress = PhysicalAddress.Parse("02-42-ac-11-00-02"),
            TransmitQueueLength = 500,
        }),
        ["link-new-veth"] = (ref w) => Requests.NewLink(ref w, Sequence, new VethSpec("veth0", "eth0") { Mtu = 1500, MasterIndex = 3 }),
        ["link-new-veth-peer-settings"] = (ref w) => Requests.NewLink(ref w, Sequence, new VethSpec("veth0", "eth0")
        {
            PeerMtu = 9000,
            PeerHardwareAddress = PhysicalAddress.Parse("02-00-00-00-00-01"),
        }),
        ["link-new-vxlan"] = (ref w) => Requests.NewLink(ref w, Sequence, new VxlanSpec("vxlan42", 42)
        {
            Group = IPAddress.Parse("239.1.1.1"),
            Local = IPAddress.Parse("10.0.0.1"),
            Port = 4789,
            UnderlayIndex = 2,
            Learning = false,
            Ttl = 64,
        }),
        ["link-new-vxlan6"] = (ref w) => Requests.NewLink(ref w, Sequence, new VxlanSpec("vx6", 0xABCDEF)
        {
            Group = IPAddress.Parse("fd00::2"),
            Local = IPAddress.Parse("fd00::1"),
        }),
        ["link-new-dummy"] = (ref w) => Requests.NewLink(ref w, Sequence, new DummySpec("dummy0")),
        ["link-new-vlan"] = (ref w) => Requests.NewLink(ref w, Sequence, new VlanSpec("eth0.100", 2, 100)),
        ["link-new-vlan-8021ad"] = (ref w) => Requests.NewLink(ref w, Sequence, new VlanSpec("eth0.200", 2, 200) { Protocol = VlanProtocol.Dot1AD }),
        ["link-new-macvlan"] = (ref w) => Requests.NewLink(ref w, Sequence, new MacvlanSpec("mv0", 2)),
        ["link-new-macvlan-vepa"] = (ref w) => Requests.NewLink(ref w, Sequence, new MacvlanSpec("mv1", 2, MacvlanMode.Vepa) { Mtu = 1400 }),
        ["link-new-ipvlan"] = (ref w) => Requests.NewLink(ref w, Sequence, new IpvlanSpec("ipv0", 2)),
        ["link-new-ipvlan-l3s-private"] = (ref w) => Requests.NewLink(ref w, Sequence, new IpvlanSpec("ipv1", 2, IpvlanMode.L3S) { Isolation = IpvlanIsolation.Private }),
        ["link-new-bond"] = (ref w) => Requests.NewLink(ref w, Sequence, new BondSpec("bond0")),
        ["link-new-bond-802.3ad"] = (ref w) => Requests.NewLink(ref w, Sequence, new BondSpec("bond1")
        {
            Mode = BondMode.Dot3AD,
            MiiMonitorInterval = 100,
            UpDelay = 200,
            DownDelay = 300,
            TransmitHashPolicy = BondTransmitHashPolicy.Layer34,
            MinLinks = 1,
            LacpRate = BondLacpRate.Fast,
        }),
        ["link-new-bond-active-backup"] = (ref w) => Requests.NewLink(ref w, Sequence, new BondSpec("bond2") { Mode = BondMode.ActiveBackup, MiiMonitorInterval = 50 }),
        ["link-change-bond-miimon"] = (ref w) => Requests.ChangeLink(ref w, Sequence, 3, new BondSpec("bond0") { MiiMonitorInterval = 200, UpDelay = 400 }),
        ["link-new-vrf"] = (ref w) => Requests.NewLink(ref w, Sequence, new VrfSpec("vrf-blue", 10)),
        ["link-new-macvtap"] = (ref w) => Requests.NewLink(ref w, Sequence, new MacvtapSpec("mvt0", 2)),
        ["link-new-macvtap-vepa"] = (ref w) => Requests.NewLink(ref w, Sequence, new MacvtapSpec("mvt1", 2, MacvlanMode.Vepa) { Mtu = 1400 }),
        ["link-new-geneve"] = (ref w) => Requests.NewLink(ref w, Sequence, new GeneveSpec("gnv0", 5)
        {
            Remote = IPAddress.Parse("10.0.0.2"),
            Ttl = 64,
            Tos = 0x10,
            Port = 6081,
        }),
        ["link-new-geneve6"] = (ref w) => Requests.NewLink(ref w, Sequence, new GeneveSpec("gnv1", 0xFFFFFF) { Remote = IPAddress.Parse("fd00::2") }),
        ["link-new-wireguard"] = (ref w) => Requests.NewLink(ref w, Sequence, new WireguardSpec("wg0")),
        ["link-set-tun-settings"] = (ref w) => Requests.SetLinkSettings(ref w, Sequence, new TunSpec("tap0") { Mtu = 1400, MasterIndex = 3, Up = true }),
        ["link-delete-index"] = (ref w) => Requests.DeleteLink(ref w, Sequence, 5),
        ["link-delete-name"] = (ref w) => Requests.DeleteLink(ref w, Sequence, "veth0"),
        ["link-set-up"] = (ref w) => Requests.SetLinkUp(ref w, Sequence, 5, true),
        ["link-set-down"] = (ref w) => Requests.SetLinkUp(ref w, Sequence, 5, false),
        ["link-set-promisc-on"] = (ref w) => Requests.SetLinkPromiscuous(ref w, Sequence, 5, true),
        ["link-set-mtu"] = (ref w) => Requests.SetLinkAttribute(ref w, Sequence, 5, Ifla.Mtu, 9000),
        ["link-set-master"] = (ref w) => Requests.SetLinkAttribute(ref w, Sequence, 5, Ifla.Master, 3),
        ["link-set-nomaster"] = (ref w) => Requests.SetLinkAttribute(ref w, Sequence, 5, Ifla.Master, 0),
        ["link-set-netns-fd"] = (ref w) => Requests.SetLinkAttribute(ref w, Sequence, 5, Ifla.NetNsFd, 9),
        ["link-set-netns-pid"] = (ref w) => Requests.SetLinkAttribute(ref w, Sequence, 5, Ifla.NetNsPid, 1234),
        ["link-set-address"] = (ref w) => Requests.SetLinkHardwareAddress(ref w, Sequence, 5, [0x02, 0x42, 0xac, 0x11, 0x00, 0x02]),
        ["link-set-name"] = (ref w) => Requests.SetLinkName(ref w, Sequence, 5, "eth1"),
        ["link-get-index"] = (ref w) => Requests.GetLink(ref w, Sequence, 5),
        ["link-get-name"] = (ref w) => Requests.GetLink(ref w, Sequence, "eth0"),
        ["link-dump"] = (ref w) => Requests.DumpLinks(ref w, Sequence),
        ["addr-add-v4"] = (ref w) => Requests.Address(ref w, Sequence, Rtm.NewAddr, Requests.CreateExclusive, 5, IPAddress.Parse("10.22.0.5"), 16, AddressFlags.None, RouteScope.Universe),
        ["addr-add-v6-nodad"] = (ref w) => Requests.Address(ref w, Sequence, Rtm.NewAddr, Requests.CreateExclusive, 5, IPAddress.Parse("fd00:10::5"), 64, AddressFlags.NoDad, RouteScope.Universe),
        ["addr-add-v6-noprefixroute"] = (ref w) => Requests.Address(ref w, Sequence, Rtm.NewAddr, Requests.CreateExclusive, 5, IPAddress.Parse("fe80::5"), 64, AddressFlags.NoDad | AddressFlags.NoPrefixRoute, RouteScope.Link),
        ["addr-replace-v4"] = (ref w) => Requests.Address(ref w, Sequence, Rtm.NewAddr, Requests.CreateOrReplace, 5, IPAddress.Parse("10.22.0.5"), 16, AddressFlags.None, RouteScope.Host),
        ["addr-delete-v4"] = (ref w) => Requests.Address(ref w, Sequence, Rtm.DelAddr, Requests.Ack, 5, IPAddress.Parse("10.22.0.5"), 16, AddressFlags.None, RouteScope.Universe),
        ["addr-dump-v6-link"] = (ref w) => Requests.DumpAddresses(ref w, Sequence, AddressFamilies.Inet6, 5),
        ["route-add-v4-direct"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("10.124.0.1"),
            DestinationPrefixLength = 32,
            OutputLinkIndex = 5,
        }),
        ["route-add-v4-default-gateway"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Gateway = IPAddress.Parse("10.22.0.1"),
        }),
        ["route-add-v4-everything"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("192.168.0.0"),
            DestinationPrefixLength = 16,
            Gateway = IPAddress.Parse("10.22.0.1"),
            OutputLinkIndex = 5,
            PreferredSource = IPAddress.Parse("10.22.0.5"),
            Table = 100,
            Priority = 50,
            Mtu = 1400,
            AdvertisedMss = 1360,
            Protocol = RouteProtocol.Static,
        }),
        ["route-add-v4-table-1000"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("10.0.0.0"),
            DestinationPrefixLength = 8,
            OutputLinkIndex = 5,
            Table = 1000,
            Scope = RouteScope.Link,
        }),
        ["route-add-v6-gateway"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("fd00:20::"),
            DestinationPrefixLength = 64,
            Gateway = IPAddress.Parse("fd00:10::1"),
            OutputLinkIndex = 5,
            Priority = 1024,
        }),
        ["route-add-local"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("10.9.9.9"),
            DestinationPrefixLength = 32,
            OutputLinkIndex = 5,
            Type = RouteType.Local,
            Table = 255,
        }),
        ["route-add-alongside-v4-default"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.Create, new Route
        {
            Destination = IPAddress.Parse("0.0.0.0"),
            DestinationPrefixLength = 0,
            Gateway = IPAddress.Parse("10.89.78.1"),
            OutputLinkIndex = 3,
        }),
        ["route-replace-v4"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateOrReplace, new Route
        {
            Destination = IPAddress.Parse("10.124.0.0"),
            DestinationPrefixLength = 24,
            Gateway = IPAddress.Parse("10.22.0.1"),
        }),
        ["route-delete-v4"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.DelRoute, Requests.Ack, new Route
        {
            Destination = IPAddress.Parse("10.124.0.1"),
            DestinationPrefixLength = 32,
            OutputLinkIndex = 5,
        }),
        ["route-delete-v6"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.DelRoute, Requests.Ack, new Route
        {
            Destination = IPAddress.Parse("fd00:20::"),
            DestinationPrefixLength = 64,
        }),
        ["route-dump-v4"] = (ref w) => Requests.DumpRoutes(ref w, Sequence, AddressFamilies.Inet, 0),
        ["route-dump-v4-table-100"] = (ref w) => Requests.DumpRoutes(ref w, Sequence, AddressFamilies.Inet, 100),
        ["route-dump-all-table-1000"] = (ref w) => Requests.DumpRoutes(ref w, Sequence, AddressFamilies.Unspecified, 1000),
        ["route-add-v4-multipath"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("10.9.0.0"),
            DestinationPrefixLength = 16,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("10.1.0.2"), LinkIndex = 3, Weight = 2 },
                new() { Gateway = IPAddress.Parse("10.2.0.2"), LinkIndex = 5 },
            },
        }),
        ["route-add-v6-multipath-direct-hop"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("fd00:9::"),
            DestinationPrefixLength = 64,
            Table = 100,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("fd00:1::2"), Weight = 256 },
                new() { LinkIndex = 5 },
            },
        }),
        ["route-add-v4-onlink"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("10.244.2.0"),
            DestinationPrefixLength = 24,
            Gateway = IPAddress.Parse("10.244.2.0"),
            OutputLinkIndex = 5,
            OnLink = true,
        }),
        ["route-add-v4-multipath-onlink"] = (ref w) => Requests.Route(ref w, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
        {
            Destination = IPAddress.Parse("10.244.3.0"),
            DestinationPrefixLength = 24,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("10.244.3.0"), LinkIndex = 5, OnLink = true },
                new() { Gateway = IPAddress.Parse("10.244.3.1"), LinkIndex = 6, OnLink = true },
            },
        }),
        ["bridge-port-set-all"] = (ref w) => Requests.SetBridgePort(ref w, Sequence, 5, new BridgePortSettings { Hairpin = true, Isolated = true, Learning = false }),
        ["bridge-port-set-hairpin"] = (ref w) => Requests.SetBridgePort(ref w, Sequence, 5, new BridgePortSettings { Hairpin = true }),
        ["bridge-vlan-add-pvid-untagged"] = (ref w) => Requests.BridgeVlan(ref w, Sequence, Rtm.SetLink, 5, new BridgeVlan(10) { Pvid = true, Untagged = true }, self: false),
        ["bridge-vlan-add-range"] = (ref w) => Requests.BridgeVlan(ref w, Sequence, Rtm.SetLink, 5, new BridgeVlan(100, 200) { Untagged = true }, self: false),
        ["bridge-vlan-add-self"] = (ref w) => Requests.BridgeVlan(ref w, Sequence, Rtm.SetLink, 3, new BridgeVlan(10), self: true),
        ["bridge-vlan-delete-default"] = (ref w) => Requests.BridgeVlan(ref w, Sequence, Rtm.DelLink, 5, new BridgeVlan(1), self: false),
        ["bridge-dump"] = (ref w) => Requests.DumpBridgePorts(ref w, Sequence),
        ["neigh-add-v4"] = (ref w) => Requests.Neighbor(ref w, Sequence, Rtm.NewNeigh, Requests.CreateExclusive, new Neighbor
        {
            LinkIndex = 5,
            Address = IPAddress.Parse("10.0.0.2"),
            HardwareAddress = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 },
        }),
        ["neigh-replace-v6-router-reachable"] = (ref w) => Requests.Neighbor(ref w, Sequence, Rtm.NewNeigh, Requests.CreateOrReplace, new Neighbor
        {
            LinkIndex = 5,
            Address = IPAddress.Parse("fd00::2"),
            HardwareAddress = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 },
            State = NeighborState.Reachable,
            Flags = NeighborFlags.Router,
        }),
        ["neigh-delete-v4"] = (ref w) => Requests.Neighbor(ref w, Sequence, Rtm.DelNeigh, Requests.Ack, new Neighbor { LinkIndex = 5, Address = IPAddress.Parse("10.0.0.2") }),
        ["neigh-dump-link"] = (ref w) => Requests.DumpNeighbors(ref w, Sequence, AddressFamilies.Unspecified, 5),
        ["neigh-dump-v6"] = (ref w) => Requests.DumpNeighbors(ref w, Sequence, AddressFamilies.Inet6, 0),
        ["fdb-add-vxlan-dst"] = (ref w) => Requests.Fdb(ref w, Sequence, Rtm.NewNeigh, Requests.CreateExclusive, new FdbEntry
        {
            LinkIndex = 5,
            HardwareAddress = new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 },
            Destination = IPAddress.Parse("10.0.0.2"),
        }),
        ["fdb-append-vxlan-flood"] = (ref w) => Requests.Fdb(ref w, Sequence, Rtm.NewNeigh, Requests.CreateOrAppend, new FdbEntry
        {
            LinkIndex = 5,
            HardwareAddress = new byte[6],
            Destination = IPAddress.Parse("10.0.0.3"),
            Flags = NeighborFlags.Self,
        }),
        ["fdb-replace-vxlan-port-vni"] = (ref w) => Requests.Fdb(ref w, Sequence, Rtm.NewNeigh, Requests.CreateOrReplace, new FdbEntry
        {
            LinkIndex = 5,
            HardwareAddress = new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 },
            Destination = IPAddress.Parse("10.0.0.4"),
            Port = 4790,
            Vni = 42,
        }),
        ["fdb-add-master-static"] = (ref w) => Requests.Fdb(ref w, Sequence, Rtm.NewNeigh, Requests.CreateExclusive, new FdbEntry
        {
            LinkIndex = 5,
            HardwareAddress = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x09 },
            State = NeighborState.NoArp | NeighborState.Reachable,
            Flags = NeighborFlags.Master,
        }),
        ["fdb-add-master-static-vlan"] = (ref w) => Requests.Fdb(ref w, Sequence, Rtm.NewNeigh, Requests.CreateExclusive, new FdbEntry
        {
            LinkIndex = 5,
            HardwareAddress = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x09 },
            State = NeighborState.NoArp | NeighborState.Reachable,
            Flags = NeighborFlags.Master,
            Vlan = 10,
        }),
        ["fdb-delete-vxlan-dst"] = (ref w) => Requests.Fdb(ref w, Sequence, Rtm.DelNeigh, Requests.Ack, new FdbEntry
        {
            LinkIndex = 5,
            HardwareAddress = new byte[6],
            Destination = IPAddress.Parse("10.0.0.3"),
        }),
        ["fdb-dump"] = (ref w) => Requests.DumpFdb(ref w, Sequence, 0, 0),
        ["fdb-dump-link-master"] = (ref w) => Requests.DumpFdb(ref w, Sequence, 5, 3),
        ["rule-add-from-table"] = (ref w) => Requests.Rule(ref w, Sequence, Rtm.NewRule, Requests.CreateExclusive, new Rule
        {
            Source = IPAddress.Parse("10.0.0.0"),
            SourcePrefixLength = 24,
            Table = 100,
            Priority = 100,
        }),
        ["rule-add-v6-everything"] = (ref w) => Requests.Rule(ref w, Sequence, Rtm.NewRule, Requests.CreateExclusive, new Rule
        {
            Source = IPAddress.Parse("fd00:1::"),
            SourcePrefixLength = 64,
            Destination = IPAddress.Parse("fd00:2::5"),
            DestinationPrefixLength = 128,
            InputInterface = "eth0",
            OutputInterface = "vrf-blue",
            FirewallMark = 0x10,
            FirewallMask = 0xff,
            Table = 1000,
            Priority = 0,
            Invert = true,
        }),
        ["rule-add-v4-blackhole-fwmark"] = (ref w) => Requests.Rule(ref w, Sequence, Rtm.NewRule, Requests.CreateExclusive, new Rule
        {
            FirewallMark = 7,
            Action = RuleAction.Blackhole,
            Priority = 32000,
        }),
        ["rule-delete-from-table"] = (ref w) => Requests.Rule(ref w, Sequence, Rtm.DelRule, Requests.Ack, new Rule
        {
            Source = IPAddress.Parse("10.0.0.0"),
            SourcePrefixLength = 24,
            Table = 100,
            Priority = 100,
        }),
        ["rule-delete-priority-only-v6"] = (ref w) => Requests.Rule(ref w, Sequence, Rtm.DelRule, Requests.Ack, new Rule { Family = System.Net.Sockets.AddressFamily.InterNetworkV6, Priority = 500 }),
        ["rule-dump-v4"] = (ref w) => Requests.DumpRules(ref w, Sequence, AddressFamilies.Inet),
        ["link-new-ifb"] = (ref w) => Requests.NewLink(ref w, Sequence, new IfbSpec("cnit-tcifb2")),
        ["qdisc-add-tbf-latency"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.NewQdisc, Requests.CreateExclusive, Qdisc.Tbf(3, new TokenBucket
        {
            Rate = 125_000,
            Burst = 4096,
            Latency = TimeSpan.FromMilliseconds(25),
        })),
        ["qdisc-add-tbf-handle-limit"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.NewQdisc, Requests.CreateExclusive, Qdisc.Tbf(3, new TokenBucket
        {
            Rate = 125_000,
            Burst = 10 * 1024,
            Limit = 30_000,
        }) with { Handle = TrafficControlHandle.Make(1, 0) }),
        ["qdisc-replace-tbf-peakrate"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.NewQdisc, Requests.CreateOrReplace, Qdisc.Tbf(3, new TokenBucket
        {
            Rate = 1_250_000,
            Burst = 10 * 1024,
            Latency = TimeSpan.FromMilliseconds(50),
            PeakRate = 2_500_000,
            Mtu = 1540,
        }) with { Handle = TrafficControlHandle.Make(1, 0) }),
        ["qdisc-replace-tbf-rate64"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.NewQdisc, Requests.CreateOrReplace, Qdisc.Tbf(3, new TokenBucket
        {
            Rate = 5_000_000_000,
            Burst = 1024 * 1024,
            Latency = TimeSpan.FromMilliseconds(10),
            PeakRate = 6_250_000_000,
            Mtu = 9000,
        })),
        ["qdisc-delete-root"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.DelQdisc, Requests.Ack, new Qdisc { Kind = QdiscKind.Tbf, LinkIndex = 3 }),
        ["qdisc-add-ingress"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.NewQdisc, Requests.CreateExclusive, Qdisc.Ingress(3)),
        ["qdisc-delete-ingress"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.DelQdisc, Requests.Ack, Qdisc.Ingress(3)),
        ["qdisc-add-clsact"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.NewQdisc, Requests.CreateExclusive, Qdisc.Clsact(3)),
        ["qdisc-delete-clsact"] = (ref w) => Requests.Qdisc(ref w, Sequence, Rtm.DelQdisc, Requests.Ack, Qdisc.Clsact(3)),
        ["qdisc-dump"] = (ref w) => Requests.DumpQdiscs(ref w, Sequence),
        ["filter-add-u32-redirect"] = (ref w) => Requests.Filter(ref w, Sequence, Rtm.NewTFilter, Requests.CreateExclusive, TrafficFilter.RedirectIngress(3, 4)),
        ["filter-add-u32-redirect-clsact-ip"] = (ref w) => Requests.Filter(ref w, Sequence, Rtm.NewTFilter, Requests.CreateExclusive, TrafficFilter.RedirectIngress(3, 4) with
        {
            Parent = TrafficControlHandle.ClsactIngress,
            Priority = 2,
            Protocol = 0x0800,
        }),
        ["filter-add-matchall-redirect"] = (ref w) => Requests.Filter(ref w, Sequence, Rtm.NewTFilter, Requests.CreateExclusive, TrafficFilter.RedirectIngress(3, 4) with { Classifier = TrafficFilterClassifier.Matchall }),
        ["filter-delete-u32"] = (ref w) => Requests.Filter(ref w, Sequence, Rtm.DelTFilter, Requests.Ack, new TrafficFilter
        {
            LinkIndex = 3,
            Parent = TrafficControlHandle.IngressQdisc,
            Priority = 1,
            Protocol = TrafficFilter.AllProtocols,
        }),
        ["filter-dump-ingress"] = (ref w) => Requests.DumpFilters(ref w, Sequence, 3, TrafficControlHandle.IngressQdisc),
    };

    public static TheoryData<string> Names => [.. Cases.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Request_bytes_match_the_golden_file(string name)
    {
        var buffer = new byte[4096];
        var writer = new NetlinkWriter(buffer);
        Cases[name](ref writer);
        var bytes = writer.Written;

        Assert.Equal((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes), bytes.Length);
        Assert.Equal(Sequence, BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
        Golden.Match($"requests/{name}.hex", Hex.Dump(bytes));
    }

    [Fact]
    public void Veth_peer_in_a_namespace_carries_the_namespace_descriptor_inside_the_peer()
    {
        using var current = NetworkNamespace.Open("/proc/self/ns/net");
        var buffer = new byte[4096];
        var writer = new NetlinkWriter(buffer);
        Requests.NewLink(ref writer, Sequence, new VethSpec("veth0", "eth0") { PeerNamespace = current, Mtu = 1500 });
        var bytes = writer.Written.ToArray();

        // IFLA_NET_NS_FD (type 28, length 8) holds the descriptor, which differs per run: pin it to 0xFFFFFFFF.
        byte[] attribute = [8, 0, 28, 0, .. BitConverter.GetBytes((int)current.Handle.DangerousGetHandle())];
        var at = bytes.AsSpan().IndexOf(attribute);
        Assert.True(at > 0);
        bytes.AsSpan(at + 4, 4).Fill(0xFF);
        Golden.Match("requests/link-new-veth-peer-in-namespace.hex", Hex.Dump(bytes));
    }

    [Fact]
    public void Writer_throws_its_own_error_when_the_buffer_is_full()
    {
        var buffer = new byte[24];
        var ex = Assert.Throws<NetlinkException>(() =>
        {
            var writer = new NetlinkWriter(buffer);
            Requests.GetLink(ref writer, Sequence, "a-long-name");
        });
        Assert.Equal("EMSGSIZE", ex.ErrorName);
    }

    [Fact]
    public void Route_without_any_address_is_rejected_before_sending()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Route(ref writer, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route { OutputLinkIndex = 5 });
        });
    }

    [Fact]
    public void Multipath_route_with_a_gateway_on_the_route_or_a_bad_weight_is_rejected()
    {
        NextHop[] hops = [new() { Gateway = IPAddress.Parse("10.1.0.2") }];
        Assert.Throws<ArgumentException>(() => Build(new Route { Destination = IPAddress.Parse("10.9.0.0"), DestinationPrefixLength = 16, Gateway = IPAddress.Parse("10.1.0.1"), NextHops = hops }));
        Assert.Throws<ArgumentException>(() => Build(new Route { Destination = IPAddress.Parse("10.9.0.0"), DestinationPrefixLength = 16, OutputLinkIndex = 2, NextHops = hops }));
        Assert.Throws<ArgumentException>(() => Build(new Route { Destination = IPAddress.Parse("10.9.0.0"), DestinationPrefixLength = 16, NextHops = new NextHop[] { new() { LinkIndex = 2, Weight = 257 } } }));
        Assert.Throws<ArgumentException>(() => Build(new Route { Destination = IPAddress.Parse("10.9.0.0"), DestinationPrefixLength = 16, NextHops = new NextHop[] { new() { Gateway = IPAddress.Parse("fd00::1") } } }));

        static void Build(Route route)
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Route(ref writer, Sequence, Rtm.NewRoute, Requests.CreateExclusive, route);
        }
    }

    [Fact]
    public void Fdb_entry_without_a_six_byte_mac_with_a_vni_over_24_bits_or_a_vlan_out_of_range_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Build(new FdbEntry { LinkIndex = 5 }));
        Assert.Throws<ArgumentException>(() => Build(new FdbEntry { LinkIndex = 5, HardwareAddress = new byte[8] }));
        Assert.Throws<ArgumentException>(() => Build(new FdbEntry { LinkIndex = 5, HardwareAddress = new byte[6], Vni = 0x1000000 }));
        Assert.Throws<ArgumentException>(() => Build(new FdbEntry { LinkIndex = 5, HardwareAddress = new byte[6], Vlan = 0 }));
        Assert.Throws<ArgumentException>(() => Build(new FdbEntry { LinkIndex = 5, HardwareAddress = new byte[6], Vlan = 4095 }));

        static void Build(FdbEntry entry)
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Fdb(ref writer, Sequence, Rtm.NewNeigh, Requests.CreateExclusive, entry);
        }
    }

    [Fact]
    public void Multipath_route_with_onlink_on_the_route_is_rejected()
        => Assert.Throws<ArgumentException>(() =>
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Route(ref writer, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
            {
                Destination = IPAddress.Parse("10.9.0.0"),
                DestinationPrefixLength = 16,
                OnLink = true,
                NextHops = new NextHop[] { new() { Gateway = IPAddress.Parse("10.1.0.2"), LinkIndex = 2 } },
            });
        });

    [Fact]
    public void Neighbor_without_an_address_is_rejected()
        => Assert.Throws<ArgumentException>(() =>
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Neighbor(ref writer, Sequence, Rtm.NewNeigh, Requests.CreateExclusive, new Neighbor { LinkIndex = 5 });
        });

    [Fact]
    public void Rule_whose_addresses_and_family_disagree_or_whose_prefix_does_not_fit_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Build(new Rule { Source = IPAddress.Parse("10.0.0.0"), SourcePrefixLength = 8, Destination = IPAddress.Parse("fd00::"), DestinationPrefixLength = 8 }));
        Assert.Throws<ArgumentException>(() => Build(new Rule { Family = System.Net.Sockets.AddressFamily.InterNetworkV6, Source = IPAddress.Parse("10.0.0.0"), SourcePrefixLength = 8 }));
        Assert.Throws<ArgumentException>(() => Build(new Rule { Source = IPAddress.Parse("10.0.0.0"), SourcePrefixLength = 33 }));

        static void Build(Rule rule)
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Rule(ref writer, Sequence, Rtm.NewRule, Requests.CreateExclusive, rule);
        }
    }

    [Fact]
    public void Route_mixing_families_is_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Route(ref writer, Sequence, Rtm.NewRoute, Requests.CreateExclusive, new Route
            {
                Destination = IPAddress.Parse("10.0.0.0"),
                DestinationPrefixLength = 8,
                Gateway = IPAddress.Parse("fd00::1"),
            });
        });
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(4095, 4095, false)]
    [InlineData(200, 100, false)]
    [InlineData(10, 4095, false)]
    [InlineData(10, 20, true)]
    public void Bridge_vlans_outside_the_valid_ids_or_a_pvid_range_are_rejected(int id, int lastId, bool pvid)
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.BridgeVlan(ref writer, Sequence, Rtm.SetLink, 5, new BridgeVlan((ushort)id, (ushort)lastId) { Pvid = pvid }, self: false);
        });
    }

    [Theory]
    [InlineData("10.0.0.1", 33)]
    [InlineData("10.0.0.1", -1)]
    [InlineData("fd00::1", 129)]
    public void Prefix_length_outside_the_family_is_rejected(string address, int prefixLength)
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new NetlinkWriter(new byte[256]);
            Requests.Address(ref writer, Sequence, Rtm.NewAddr, Requests.CreateExclusive, 1, IPAddress.Parse(address), prefixLength, AddressFlags.None, RouteScope.Universe);
        });
    }
}
