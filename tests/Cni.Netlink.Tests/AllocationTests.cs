using System.Net;

namespace Cni.Netlink.Tests;

/// <summary>Steady-state requests allocate nothing: measured with the runtime's per-thread counter.</summary>
public class AllocationTests
{
    /// <summary>What one SafeFileHandle costs on the heap (64-bit: header, method table, handle, state, flags, with room for the runtime's own field).</summary>
    private const long SafeFileHandleSize = 64;

    [Fact]
    public void Address_route_get_and_dump_allocate_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-alloc");
        for (var i = 0; i < 20; i++)
        {
            socket.AddLink(new BridgeSpec($"cnit-al{i}"));
        }

        var addresses = Enumerable.Range(0, 64).Select(i => new IPAddress([10, 123, 0, (byte)i])).ToArray();
        var routes = Enumerable.Range(0, 64).Select(i => new Route { Destination = new IPAddress([10, 124, 0, (byte)i]), DestinationPrefixLength = 32, OutputLinkIndex = link }).ToArray();
        var info = new LinkInfo();
        const string Name = "cnit-alloc";

        void Work()
        {
            for (var i = 0; i < addresses.Length; i++)
            {
                socket.AddAddress(link, addresses[i], 32);
                socket.DeleteAddress(link, addresses[i], 32);
                socket.AddRoute(routes[i]);
                socket.DeleteRoute(routes[i]);
                socket.TryGetLink(link, info);
                socket.TryGetLink(Name, info);
            }

            var count = 0;
            foreach (var l in socket.DumpLinks())
            {
                count += l.NameUtf8.Length;
            }

            Assert.True(count > 0);
        }

        AssertSteadyStateAllocatesNothing(Work);
    }

    [Fact]
    public void Bridge_port_neighbor_rule_and_multipath_requests_and_their_dumps_allocate_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var bridge = ns.AddBridge("cnit-alb");
        var second = ns.AddBridge("cnit-alb2");
        socket.AddLink(new VethSpec("cnit-alp", "cnit-alp1") { MasterIndex = bridge });
        var port = socket.GetLink("cnit-alp").Index;
        socket.AddAddress(bridge, IPAddress.Parse("10.70.0.1"), 24);
        socket.AddAddress(second, IPAddress.Parse("10.71.0.1"), 24);

        var hairpinOn = new BridgePortSettings { Hairpin = true, Isolated = true };
        var hairpinOff = new BridgePortSettings { Hairpin = false, Isolated = false };
        var neighbors = Enumerable.Range(0, 32).Select(i => new Neighbor
        {
            LinkIndex = bridge,
            Address = new IPAddress([10, 70, 0, (byte)(i + 2)]),
            HardwareAddress = new byte[] { 0x02, 0, 0, 0, 0, (byte)i },
        }).ToArray();
        var rules = Enumerable.Range(0, 32).Select(i => new Rule
        {
            Source = new IPAddress([10, 72, 0, (byte)i]),
            SourcePrefixLength = 32,
            Table = 100,
            Priority = (uint)(1000 + i),
            InputInterface = "cnit-alb",
        }).ToArray();
        var multipath = new Route
        {
            Destination = IPAddress.Parse("10.73.0.0"),
            DestinationPrefixLength = 16,
            Table = 100,
            NextHops = new NextHop[]
            {
                new() { Gateway = IPAddress.Parse("10.70.0.2"), LinkIndex = bridge, Weight = 2 },
                new() { Gateway = IPAddress.Parse("10.71.0.2"), LinkIndex = second },
            },
        };
        var info = new LinkInfo();

        void Work()
        {
            var count = 0;
            for (var i = 0; i < neighbors.Length; i++)
            {
                socket.SetBridgePort(port, (i & 1) == 0 ? hairpinOn : hairpinOff);
                socket.TryGetLink(port, info);
                count += info.BridgePort!.Value.Hairpin == true ? 1 : 0;
                socket.AddNeighbor(neighbors[i]);
                socket.DeleteNeighbor(neighbors[i]);
                socket.AddRule(rules[i]);
                socket.DeleteRule(rules[i]);
                socket.AddRoute(multipath);
                socket.DeleteRoute(multipath);
            }

            socket.AddRoute(multipath);
            socket.AddNeighbor(neighbors[0]);
            socket.AddRule(rules[0]);
            foreach (var route in socket.DumpRoutes(System.Net.Sockets.AddressFamily.InterNetwork, 100))
            {
                foreach (var hop in route.NextHops)
                {
                    count += hop.Weight;
                }
            }

            foreach (var neighbor in socket.DumpNeighbors(System.Net.Sockets.AddressFamily.InterNetwork, bridge))
            {
                count += neighbor.HardwareAddress.Length;
            }

            foreach (var rule in socket.DumpRules(System.Net.Sockets.AddressFamily.InterNetwork))
            {
                count += rule.InputInterfaceUtf8.Length;
            }

            foreach (var entry in socket.DumpBridgePorts())
            {
                count += entry.Port.Isolated == true ? 1 : 0;
            }

            socket.DeleteRoute(multipath);
            socket.DeleteNeighbor(neighbors[0]);
            socket.DeleteRule(rules[0]);
            Assert.True(count > 0);
        }

        AssertSteadyStateAllocatesNothing(Work);
    }

    [Fact]
    public void Fdb_requests_onlink_routes_a_vxlan_link_get_and_their_dumps_allocate_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var underlay = ns.AddBridge("cnit-alu");
        socket.AddAddress(underlay, IPAddress.Parse("10.74.0.1"), 24);
        socket.AddLink(new VxlanSpec("cnit-alvx", 7) { Local = IPAddress.Parse("10.74.0.1"), UnderlayIndex = underlay, Port = 4789, Learning = false, Up = true });
        var vxlan = socket.GetLink("cnit-alvx").Index;
        var entries = Enumerable.Range(0, 32).Select(i => new FdbEntry
        {
            LinkIndex = vxlan,
            HardwareAddress = new byte[] { 0x02, 0, 0, 0, 1, (byte)i },
            Destination = new IPAddress([10, 74, 0, (byte)(i + 2)]),
        }).ToArray();
        var moved = entries.Select(e => e with { Destination = new IPAddress([10, 74, 1, e.HardwareAddress.Span[5]]) }).ToArray();
        var flood = new FdbEntry { LinkIndex = vxlan, HardwareAddress = new byte[6], Destination = IPAddress.Parse("10.74.0.200") };
        var routes = Enumerable.Range(0, 32).Select(i => new Route
        {
            Destination = new IPAddress([10, 75, (byte)i, 0]),
            DestinationPrefixLength = 24,
            Gateway = new IPAddress([10, 75, (byte)i, 0]),
            OutputLinkIndex = vxlan,
            OnLink = true,
        }).ToArray();
        var info = new LinkInfo();

        void Work()
        {
            var count = 0;
            for (var i = 0; i < entries.Length; i++)
            {
                socket.AddFdbEntry(entries[i]);
                socket.ReplaceFdbEntry(moved[i]);
                socket.AddRoute(routes[i]);
            }

            socket.AppendFdbEntry(flood);
            socket.TryGetLink(vxlan, info);
            count += info.Vxlan!.Value.Local is null ? 0 : 1;
            foreach (var entry in socket.DumpFdb(vxlan))
            {
                count += entry.DestinationBytes.Length;
            }

            foreach (var route in socket.DumpRoutes(System.Net.Sockets.AddressFamily.InterNetwork, Route.MainTable))
            {
                count += route.IsOnLink ? 1 : 0;
            }

            for (var i = 0; i < entries.Length; i++)
            {
                socket.DeleteFdbEntry(moved[i]);
                socket.DeleteRoute(routes[i]);
            }

            socket.DeleteFdbEntry(flood);
            Assert.True(count > 0);
        }

        AssertSteadyStateAllocatesNothing(Work);
    }

    [Fact]
    public void Blocking_waits_for_rules_routes_and_addresses_allocate_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var link = ns.AddBridge("cnit-alw");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Rule | NetlinkGroups.IPv4Route | NetlinkGroups.IPv4Address);
        var rules = Enumerable.Range(0, 16).Select(i => new Rule { Source = new IPAddress([10, 76, 0, (byte)i]), SourcePrefixLength = 32, Table = 103, Priority = (uint)(1300 + i) }).ToArray();
        var routes = Enumerable.Range(0, 16).Select(i => new Route { Destination = new IPAddress([10, 77, (byte)i, 0]), DestinationPrefixLength = 24, OutputLinkIndex = link, Protocol = (RouteProtocol)79 }).ToArray();
        var addresses = Enumerable.Range(0, 16).Select(i => new IPAddress([10, 78, 0, (byte)(i + 1)])).ToArray();
        Func<RuleMessage, bool> ours = static r => r.Table == 103;
        Func<RouteMessage, bool> ourRoute = static r => r.Protocol == (RouteProtocol)79;
        Func<AddressMessage, bool> anyAddress = static _ => true;
        var timeout = TimeSpan.FromSeconds(5);

        void Work()
        {
            for (var i = 0; i < rules.Length; i++)
            {
                socket.AddRule(rules[i]);
                Assert.True(monitor.WaitForRule(ours, timeout));
                socket.DeleteRule(rules[i]);
                Assert.True(monitor.WaitForRuleDeletion(ours, timeout));
                socket.AddRoute(routes[i]);
                Assert.True(monitor.WaitForRoute(ourRoute, timeout));
                socket.DeleteRoute(routes[i]);
                Assert.True(monitor.WaitForRouteDeletion(ourRoute, timeout));
                socket.AddAddress(link, addresses[i], 32);
                Assert.True(monitor.WaitForAddress(anyAddress, timeout));
                socket.DeleteAddress(link, addresses[i], 32);
            }
        }

        AssertSteadyStateAllocatesNothing(Work);
    }

    [Fact]
    public void Adding_and_deleting_links_of_several_kinds_allocates_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var underlay = ns.AddBridge("cnit-alund");
        socket.AddLink(new VethSpec("cnit-alpar", "cnit-alparp"));
        var parent = socket.GetLink("cnit-alpar").Index;
        LinkSpec[] specs =
        [
            new BridgeSpec("cnit-albr") { Mtu = 1400, Up = true },
            new VethSpec("cnit-alv", "cnit-alvp") { MasterIndex = underlay, TransmitQueueLength = 500 },
            new VxlanSpec("cnit-alvx2", 9) { UnderlayIndex = underlay, Port = 4789, Learning = false },
            new MacvlanSpec("cnit-almv", parent),
            new MacvtapSpec("cnit-almt", parent, MacvlanMode.Vepa),
        ];

        void Work()
        {
            for (var round = 0; round < 4; round++)
            {
                foreach (var spec in specs)
                {
                    socket.AddLink(spec);
                }

                foreach (var spec in specs)
                {
                    socket.DeleteLink(spec.Name);
                }
            }
        }

        AssertSteadyStateAllocatesNothing(Work);
    }

    [Fact]
    public void A_tap_link_allocates_only_the_safe_handles_of_its_files()
    {
        using var ns = TestNamespace.Create();
        var tap = new TunSpec("cnit-altap") { MultiQueue = true };
        long Measure()
        {
            using var local = NetlinkSocket.Open();
            local.AddLink(tap);
            local.DeleteLink(tap.Name);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 8; i++)
            {
                local.AddLink(tap);
                local.DeleteLink(tap.Name);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / 8;
        }

        // On a thread inside the socket's namespace: the file is opened there, no thread is started.
        // What remains is the SafeFileHandle of /dev/net/tun and that of the socket's namespace descriptor.
        var perLink = ns.Namespace.Run(Measure);
        Assert.InRange(perLink, 1, 2 * SafeFileHandleSize);
    }

    [Fact]
    public void Qdisc_and_filter_requests_and_their_dumps_allocate_nothing_in_steady_state()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new VethSpec("cnit-altc", "cnit-altc1") { Up = true });
        socket.AddLink(new IfbSpec("cnit-alifb") { Up = true });
        var link = socket.GetLink("cnit-altc").Index;
        var ifb = socket.GetLink("cnit-alifb").Index;
        var tbf = Qdisc.Tbf(ifb, new TokenBucket { Rate = 125_000, Burst = 4096, Latency = TimeSpan.FromMilliseconds(25) });
        var faster = tbf with { TokenBucket = new TokenBucket { Rate = 5_000_000_000, Burst = 1 << 20, Limit = 1 << 22, PeakRate = 6_250_000_000, Mtu = 9000 } };
        var ingress = Qdisc.Ingress(link);
        var clsact = Qdisc.Clsact(link);
        var redirect = TrafficFilter.RedirectIngress(link, ifb);

        void Work()
        {
            ulong count = 0;
            for (var i = 0; i < 16; i++)
            {
                socket.AddQdisc(tbf);
                socket.ReplaceQdisc(faster);
                socket.AddQdisc(ingress);
                socket.AddFilter(redirect);
                foreach (var qdisc in socket.DumpQdiscs())
                {
                    count += qdisc.TryGetTokenBucket(out var bucket) ? bucket.Rate : qdisc.Packets;
                }

                foreach (var filter in socket.DumpFilters(link, TrafficControlHandle.IngressQdisc))
                {
                    count += (ulong)filter.RedirectLinkIndex;
                }

                socket.DeleteFilter(redirect);
                socket.DeleteQdisc(ingress);
                socket.AddQdisc(clsact);
                socket.DeleteQdisc(clsact);
                socket.DeleteQdisc(tbf);
            }

            Assert.True(count > 0);
        }

        AssertSteadyStateAllocatesNothing(Work);
    }

    /// <summary>Runs the work once to warm up (buffers grow, the JIT compiles), then measures a second run.</summary>
    private static void AssertSteadyStateAllocatesNothing(Action work)
    {
        work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        work();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
