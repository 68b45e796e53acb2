using System.Text.Json;

namespace Cni.Netlink.Tests.StockKernel;

/// <summary>Bridge VLAN filtering, on Debian's stock kernel (the VM lane; this machine's kernel lacks CONFIG_BRIDGE_VLAN_FILTERING).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class BridgeVlanFilteringTests
{
    [Fact]
    public void Per_port_vlans_pvid_and_untagged_are_added_read_back_as_iproute2_sees_them_changed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new BridgeSpec("cnit-vbr") { VlanFiltering = true, Up = true });
        var bridge = socket.GetLink("cnit-vbr");
        Assert.True(bridge.Bridge!.Value.VlanFiltering);
        Assert.Equal(1, bridge.Bridge!.Value.DefaultPvid);
        Assert.Equal(1, Iproute2.Link(ns, "cnit-vbr").GetProperty("linkinfo").GetProperty("info_data").GetProperty("vlan_filtering").GetInt32());

        socket.AddLink(new VethSpec("cnit-vp0", "cnit-vp1") { MasterIndex = bridge.Index, Up = true });
        var port = socket.GetLink("cnit-vp0").Index;
        // A new port starts in the bridge's default VLAN, as pvid and untagged.
        Assert.Equal([new BridgeVlan(1) { Pvid = true, Untagged = true }], BridgeVlanTable.Read(socket, port));

        socket.AddBridgeVlan(port, new BridgeVlan(10) { Pvid = true, Untagged = true });
        socket.AddBridgeVlan(port, new BridgeVlan(100, 200));
        socket.DeleteBridgeVlan(port, new BridgeVlan(1));
        socket.AddBridgeVlan(bridge.Index, new BridgeVlan(10), self: true);

        Assert.Equal([new BridgeVlan(10) { Pvid = true, Untagged = true }, new BridgeVlan(100, 200)], BridgeVlanTable.Read(socket, port));
        Assert.Equal(BridgeVlanTable.Read(socket, port), IproutesVlans(ns, "cnit-vp0"));
        Assert.Contains(new BridgeVlan(10), BridgeVlanTable.Read(socket, bridge.Index));

        // Moving the pvid: adding it to another VLAN takes it from the first.
        socket.AddBridgeVlan(port, new BridgeVlan(150) { Pvid = true });
        socket.DeleteBridgeVlan(port, new BridgeVlan(180, 200));
        Assert.Equal(
            [new BridgeVlan(10) { Untagged = true }, new BridgeVlan(100, 149), new BridgeVlan(150) { Pvid = true }, new BridgeVlan(151, 179)],
            BridgeVlanTable.Read(socket, port));
        Assert.Equal(BridgeVlanTable.Read(socket, port), IproutesVlans(ns, "cnit-vp0"));

        socket.DeleteBridgeVlan(port, new BridgeVlan(10, 179));
        Assert.Empty(BridgeVlanTable.Read(socket, port));
    }

    [Fact]
    public void Traffic_passes_between_ports_of_one_vlan_and_not_across_vlans()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new BridgeSpec("cnit-vbr") { VlanFiltering = true, Up = true });
        var bridge = socket.GetLink("cnit-vbr").Index;
        var ports = new int[3];
        // Ports in VLAN 10 reach each other; a port in VLAN 20 does not reach them.
        using var a = TestNamespace.Create();
        using var b = TestNamespace.Create();
        using var c = TestNamespace.Create();
        (TestNamespace Ns, ushort Vlan, string Address)[] hosts = [(a, 10, "10.77.0.1"), (b, 10, "10.77.0.2"), (c, 20, "10.77.0.3")];
        for (var i = 0; i < hosts.Length; i++)
        {
            socket.AddLink(new VethSpec($"cnit-bp{i}", "eth0") { MasterIndex = bridge, Up = true, PeerNamespace = hosts[i].Ns.Namespace });
            ports[i] = socket.GetLink($"cnit-bp{i}").Index;
            socket.DeleteBridgeVlan(ports[i], new BridgeVlan(1));
            socket.AddBridgeVlan(ports[i], new BridgeVlan(hosts[i].Vlan) { Pvid = true, Untagged = true });
            var inside = hosts[i].Ns.Socket;
            var eth0 = inside.GetLink("eth0").Index;
            inside.AddAddress(eth0, System.Net.IPAddress.Parse(hosts[i].Address), 24);
            inside.SetLinkUp(eth0);
        }

        Assert.True(Ping(a, "10.77.0.2"), "a and b share VLAN 10");
        Assert.False(Ping(a, "10.77.0.3"), "c is in VLAN 20");
    }

    [Fact]
    public void Fdb_entries_in_a_vlan_are_added_read_back_as_iproute2_sees_them_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new BridgeSpec("cnit-vbr") { VlanFiltering = true, Up = true });
        var bridge = socket.GetLink("cnit-vbr").Index;
        socket.AddLink(new VethSpec("cnit-vp0", "cnit-vp1") { MasterIndex = bridge, Up = true });
        var port = socket.GetLink("cnit-vp0").Index;
        socket.AddBridgeVlan(port, new BridgeVlan(10));
        byte[] mac = [0x02, 0, 0, 0, 0, 0x0a];
        var entry = new FdbEntry { LinkIndex = port, HardwareAddress = mac, Flags = NeighborFlags.Master, State = NeighborState.NoArp, Vlan = 10 };

        socket.AddFdbEntry(entry);
        var vlans = new List<ushort?>();
        foreach (var message in socket.DumpFdb(port))
        {
            if (message.HardwareAddress.SequenceEqual(mac))
            {
                vlans.Add(message.Vlan);
            }
        }

        Assert.Equal([(ushort?)10], vlans);
        var seen = Iproute2.Bridge(ns, "fdb", "show", "dev", "cnit-vp0").EnumerateArray().Where(e => e.GetProperty("mac").GetString() == "02:00:00:00:00:0a").ToList();
        Assert.Equal(10, Assert.Single(seen).GetProperty("vlan").GetInt32());

        // A VLAN the port is not in is refused.
        Assert.Throws<NetlinkException>(() => socket.AddFdbEntry(entry with { Vlan = 20 }));

        socket.DeleteFdbEntry(entry);
        Assert.DoesNotContain(Iproute2.Bridge(ns, "fdb", "show", "dev", "cnit-vp0").EnumerateArray(), e => e.GetProperty("mac").GetString() == "02:00:00:00:00:0a");
    }

    private static bool Ping(TestNamespace from, string address)
    {
        using var ping = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/sbin/ip", ["netns", "exec", from.Name, "ping", "-c", "1", "-W", "2", address]) { RedirectStandardOutput = true })!;
        ping.StandardOutput.ReadToEnd();
        ping.WaitForExit();
        return ping.ExitCode == 0;
    }

    private static List<BridgeVlan> IproutesVlans(TestNamespace ns, string port)
    {
        var vlans = new List<BridgeVlan>();
        foreach (var entry in Iproute2.Bridge(ns, "vlan", "show", "dev", port).EnumerateArray())
        {
            foreach (var vlan in entry.GetProperty("vlans").EnumerateArray())
            {
                var id = (ushort)vlan.GetProperty("vlan").GetInt32();
                var last = vlan.TryGetProperty("vlanEnd", out var end) ? (ushort)end.GetInt32() : id;
                var flags = vlan.TryGetProperty("flags", out var f) ? f.EnumerateArray().Select(x => x.GetString()).ToList() : [];
                vlans.Add(new BridgeVlan(id, last) { Pvid = flags.Contains("PVID"), Untagged = flags.Contains("Egress Untagged") });
            }
        }

        return vlans;
    }
}
