using System.Diagnostics;
using System.Net;

namespace Cni.Netlink.Tests;

/// <summary>Links on the real kernel, as root, inside namespaces the tests create.</summary>
public class LinkTests
{
    [Fact]
    public void Bridge_is_created_read_changed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        // VlanFiltering is covered by golden bytes only: this kernel lacks CONFIG_BRIDGE_VLAN_FILTERING (EOPNOTSUPP).
        socket.AddLink(new BridgeSpec("cnit-br0") { Mtu = 1400 });

        var link = socket.GetLink("cnit-br0");
        Assert.Equal("bridge", link.Kind);
        Assert.Equal(1400, link.Mtu);
        Assert.False(link.IsUp);
        Assert.Equal(6, link.HardwareAddress.Length);

        var byIndex = new LinkInfo();
        Assert.True(socket.TryGetLink(link.Index, byIndex));
        Assert.Equal("cnit-br0", byIndex.Name);

        socket.SetLinkUp(link.Index);
        socket.SetLinkMtu(link.Index, 1300);
        byte[] mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
        socket.SetLinkHardwareAddress(link.Index, mac);
        socket.SetLinkPromiscuous(link.Index, true);
        Assert.True(socket.TryGetLink(link.Index, byIndex));
        Assert.True(byIndex.IsUp);
        Assert.True((byIndex.Flags & InterfaceFlags.Promiscuous) != 0);
        Assert.Equal(1300, byIndex.Mtu);
        Assert.Equal(mac, byIndex.HardwareAddress.ToArray());
        Assert.Equal("02:11:22:33:44:55", string.Join(':', byIndex.GetPhysicalAddress().GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));

        socket.SetLinkDown(link.Index);
        socket.SetLinkName(link.Index, "cnit-br1");
        Assert.True(socket.TryGetLink(link.Index, byIndex));
        Assert.Equal("cnit-br1", byIndex.Name);
        Assert.False(byIndex.IsUp);

        socket.DeleteLink(link.Index);
        Assert.False(socket.TryGetLink(link.Index, byIndex));
        Assert.False(socket.TryGetLink("cnit-br1", byIndex));
    }

    [Fact]
    public void Missing_and_duplicate_links_are_reported_as_such()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var notFound = Assert.Throws<NetlinkException>(() => socket.GetLink("cnit-none"));
        Assert.True(notFound.IsNotFound);
        Assert.Equal("ENODEV", notFound.ErrorName);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteLink(9999)).IsNotFound);
        Assert.True(Assert.Throws<NetlinkException>(() => socket.DeleteLink("cnit-none")).IsNotFound);

        ns.AddBridge("cnit-dup");
        var exists = Assert.Throws<NetlinkException>(() => socket.AddLink(new BridgeSpec("cnit-dup")));
        Assert.True(exists.IsExists);
        Assert.Equal("EEXIST", exists.ErrorName);
    }

    [Fact]
    public void Each_flag_request_names_its_own_operation_in_errors()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        Assert.Equal("set link up", Assert.Throws<NetlinkException>(() => socket.SetLinkUp(9999)).Operation);
        Assert.Equal("set link down", Assert.Throws<NetlinkException>(() => socket.SetLinkDown(9999)).Operation);
        Assert.Equal("set link promiscuous on", Assert.Throws<NetlinkException>(() => socket.SetLinkPromiscuous(9999, on: true)).Operation);
        Assert.Equal("set link promiscuous off", Assert.Throws<NetlinkException>(() => socket.SetLinkPromiscuous(9999, on: false)).Operation);
    }

    [Fact]
    public void Unknown_kind_carries_the_kernels_extended_ack_text()
    {
        using var ns = TestNamespace.Create();

        // The test machines' kernel is built without CONFIG_DUMMY (nor vlan, ipvlan).
        NetlinkException? ex = null;
        try
        {
            ns.Socket.AddLink(new DummySpec("cnit-dummy"));
        }
        catch (NetlinkException caught)
        {
            ex = caught;
        }

        if (ex is null)
        {
            // A kernel with dummy links made it: then it must be there, as asked.
            Assert.Equal("dummy", ns.Socket.GetLink("cnit-dummy").Kind);
            return;
        }

        Assert.True(ex.IsNotSupported);
        Assert.Equal("Unknown device type", ex.KernelMessage);
        Assert.Contains("kernel says \"Unknown device type\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Veth_peer_is_created_directly_in_another_namespace()
    {
        using var host = TestNamespace.Create();
        using var container = TestNamespace.Create();
        host.Socket.AddLink(new VethSpec("cnit-veth0", "eth0")
        {
            Mtu = 1450,
            PeerNamespace = container.Namespace,
            PeerHardwareAddress = System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-07"),
            Up = true,
        });

        var hostEnd = host.Socket.GetLink("cnit-veth0");
        Assert.Equal("veth", hostEnd.Kind);
        Assert.Equal(1450, hostEnd.Mtu);
        Assert.True(hostEnd.IsUp);
        Assert.False(host.Socket.TryGetLink("eth0", new LinkInfo()));

        var peer = container.Socket.GetLink("eth0");
        Assert.Equal("veth", peer.Kind);
        Assert.Equal(1450, peer.Mtu);
        Assert.Equal(hostEnd.Index, peer.ParentIndex);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 7 }, peer.HardwareAddress.ToArray());

        container.Socket.DeleteLink(peer.Index);
        Assert.False(host.Socket.TryGetLink("cnit-veth0", new LinkInfo()));
    }

    [Fact]
    public void Veth_transmit_queue_length_is_set_on_both_ends_or_each()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-q0", "cnit-q0p") { TransmitQueueLength = 0 });
        ns.Socket.AddLink(new VethSpec("cnit-q1", "cnit-q1p") { TransmitQueueLength = 0, PeerTransmitQueueLength = 300 });

        Assert.Equal(0, ns.Socket.GetLink("cnit-q0").TransmitQueueLength);
        Assert.Equal(0, ns.Socket.GetLink("cnit-q0p").TransmitQueueLength);
        Assert.Equal(0, ns.Socket.GetLink("cnit-q1").TransmitQueueLength);
        Assert.Equal(300, ns.Socket.GetLink("cnit-q1p").TransmitQueueLength);
    }

    [Fact]
    public void Veth_end_is_enslaved_and_freed()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var bridge = ns.AddBridge("cnit-br");
        socket.AddLink(new VethSpec("cnit-va", "cnit-vb") { MasterIndex = bridge });
        Assert.Equal(bridge, socket.GetLink("cnit-va").MasterIndex);

        var vb = socket.GetLink("cnit-vb");
        Assert.Equal(0, vb.MasterIndex);
        socket.SetLinkMaster(vb.Index, bridge);
        Assert.Equal(bridge, socket.GetLink(vb.Index).MasterIndex);
        socket.SetLinkNoMaster(vb.Index);
        Assert.Equal(0, socket.GetLink(vb.Index).MasterIndex);
    }

    [Fact]
    public void Link_moves_to_another_namespace_by_descriptor_and_by_process()
    {
        using var first = TestNamespace.Create();
        using var second = TestNamespace.Create();
        // Bridges cannot change namespace ("The interface netns is immutable"); a veth can.
        first.Socket.AddLink(new VethSpec("cnit-mv1", "cnit-mv1p"));
        var index = first.Socket.GetLink("cnit-mv1").Index;
        first.Socket.SetLinkNamespace(index, second.Namespace);
        Assert.False(first.Socket.TryGetLink("cnit-mv1", new LinkInfo()));
        var moved = second.Socket.GetLink("cnit-mv1");

        using var sleeper = Process.Start(new ProcessStartInfo("/usr/sbin/ip", ["netns", "exec", first.Name, "sleep", "30"]))!;
        try
        {
            var inFirst = WaitForNamespace(sleeper.Id, first);
            Assert.True(inFirst, "the helper process did not enter the namespace");
            second.Socket.SetLinkNamespace(moved.Index, sleeper.Id);
            Assert.False(second.Socket.TryGetLink("cnit-mv1", new LinkInfo()));
            Assert.True(first.Socket.TryGetLink("cnit-mv1", new LinkInfo()));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void Vxlan_is_created_with_its_settings()
    {
        using var ns = TestNamespace.Create();
        var underlay = ns.AddBridge("cnit-under");
        ns.Socket.AddAddress(underlay, IPAddress.Parse("10.55.0.1"), 24);
        ns.Socket.AddLink(new VxlanSpec("cnit-vx", 4242) { Port = 4789, Local = IPAddress.Parse("10.55.0.1"), UnderlayIndex = underlay, Learning = false });
        var link = ns.Socket.GetLink("cnit-vx");
        Assert.Equal("vxlan", link.Kind);
        Assert.True(link.Mtu > 0);
        Assert.Equal(new VxlanState(4242, IPAddress.Parse("10.55.0.1"), 4789, underlay, Learning: false), link.Vxlan);
        Assert.Null(ns.Socket.GetLink("cnit-under").Vxlan);

        ns.Socket.AddLink(new VxlanSpec("cnit-vx2", 7));
        Assert.Equal(new VxlanState(7, null, 8472, 0, Learning: true), ns.Socket.GetLink("cnit-vx2").Vxlan);
    }

    [Fact]
    public void Macvlan_is_created_on_a_parent()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-parent", "cnit-parentp"));
        var parent = ns.Socket.GetLink("cnit-parent").Index;
        ns.Socket.AddLink(new MacvlanSpec("cnit-mv", parent, MacvlanMode.Bridge) { Mtu = 1400 });
        var link = ns.Socket.GetLink("cnit-mv");
        Assert.Equal("macvlan", link.Kind);
        Assert.Equal(parent, link.ParentIndex);
        Assert.Equal(1400, link.Mtu);
    }

    [Fact]
    public void Macvtap_is_created_on_a_parent_with_its_mode_read_back_as_iproute2_sees_it()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-parent", "cnit-parentp"));
        var parent = ns.Socket.GetLink("cnit-parent").Index;
        ns.Socket.AddLink(new MacvtapSpec("cnit-mvt", parent, MacvlanMode.Vepa) { Mtu = 1400 });
        ns.Socket.AddLink(new MacvlanSpec("cnit-mv", parent, MacvlanMode.Vepa));

        var link = ns.Socket.GetLink("cnit-mvt");
        Assert.Equal("macvtap", link.Kind);
        Assert.Equal(parent, link.ParentIndex);
        Assert.Equal(1400, link.Mtu);
        Assert.Equal(MacvlanMode.Vepa, link.Macvlan?.Mode);
        Assert.Equal(MacvlanMode.Vepa, ns.Socket.GetLink("cnit-mv").Macvlan?.Mode);
        Assert.Null(ns.Socket.GetLink(parent).Macvlan);
        var ip = Iproute2.Link(ns, "cnit-mvt");
        Assert.Equal("macvtap", ip.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal("vepa", ip.GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("cnit-parent", ip.GetProperty("link").GetString());

        ns.Socket.DeleteLink(link.Index);
        Assert.False(ns.Socket.TryGetLink("cnit-mvt", new LinkInfo()));
    }

    [Theory]
    [InlineData("vlan")]
    [InlineData("ipvlan")]
    public void Vlan_and_ipvlan_are_created_or_refused_with_the_kernels_reason(string kind)
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-parent", "cnit-parentp"));
        var parent = ns.Socket.GetLink("cnit-parent").Index;
        LinkSpec spec = kind == "vlan" ? new VlanSpec("cnit-child", parent, 100) : new IpvlanSpec("cnit-child", parent, IpvlanMode.L3);
        try
        {
            ns.Socket.AddLink(spec);
        }
        catch (NetlinkException ex) when (ex.IsNotSupported)
        {
            // The test machines' kernel is built without CONFIG_VLAN_8021Q and CONFIG_IPVLAN: their
            // requests are pinned by golden bytes (RequestGoldenTests) instead.
            // Here the test checks that the refusal reaches the caller with the kernel's reason.
            Assert.Equal("Unknown device type", ex.KernelMessage);
            Assert.Throws<NetlinkException>(() => ns.Socket.GetLink("cnit-child"));
            return;
        }

        var link = ns.Socket.GetLink("cnit-child");
        Assert.Equal(kind, link.Kind);
        Assert.Equal(parent, link.ParentIndex);
    }

    [Fact]
    public void Dump_lists_every_link_once()
    {
        using var ns = TestNamespace.Create();
        for (var i = 0; i < 40; i++)
        {
            ns.Socket.AddLink(new BridgeSpec($"cnit-d{i}"));
        }

        var names = new List<string>();
        foreach (var link in ns.Socket.DumpLinks())
        {
            names.Add(link.GetName());
        }

        Assert.Equal(41, names.Count);
        Assert.Contains("lo", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"cnit-d{i}", names));
    }

    [Fact]
    public void A_dump_replaced_by_another_is_detected()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        Assert.Throws<InvalidOperationException>(() =>
        {
            var first = socket.DumpLinks();
            Assert.True(first.MoveNext());
            _ = socket.DumpLinks();
            first.MoveNext();
        });
    }

    private static bool WaitForNamespace(int processId, TestNamespace expected)
    {
        // Up to 30 s: a loaded machine can take a while to exec ip and enter the namespace.
        var want = Namespaces.IdOf(expected.Namespace);
        for (var i = 0; i < 1500; i++)
        {
            if (Namespaces.IdOfProcess(processId) == want)
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }
}
