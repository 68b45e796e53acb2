namespace Cni.Netlink.Tests;

/// <summary>Bridge port flags and bridge VLANs on the real kernel, inside namespaces the tests create.</summary>
public class BridgeTests
{
    [Fact]
    public void Port_flags_are_set_read_back_and_left_alone_when_unset()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        var (bridge, port) = BridgeWithPort(ns);

        var before = socket.GetLink(port).BridgePort;
        Assert.Equal(new BridgePortSettings { Hairpin = false, Isolated = false, Learning = true }, before);
        Assert.Null(socket.GetLink(bridge).BridgePort);

        socket.SetBridgePort(port, new BridgePortSettings { Hairpin = true, Isolated = true, Learning = false });
        Assert.Equal(new BridgePortSettings { Hairpin = true, Isolated = true, Learning = false }, socket.GetLink(port).BridgePort);

        socket.SetBridgePort(port, new BridgePortSettings { Learning = true });
        var info = new LinkInfo();
        Assert.True(socket.TryGetLink(port, info));
        Assert.Equal(new BridgePortSettings { Hairpin = true, Isolated = true, Learning = true }, info.BridgePort);

        var found = false;
        foreach (var entry in socket.DumpBridgePorts())
        {
            if (entry.Index == port)
            {
                found = true;
                Assert.True(entry.IsPort);
                Assert.False(entry.IsBridge);
                Assert.Equal(bridge, entry.MasterIndex);
                Assert.Equal("cnit-p0", entry.GetName());
                Assert.Equal(new BridgePortSettings { Hairpin = true, Isolated = true, Learning = true }, entry.Port);
            }
        }

        Assert.True(found);
    }

    [Fact]
    public void Port_flags_on_a_link_outside_any_bridge_are_refused()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new VethSpec("cnit-lone", "cnit-lone1"));
        var lone = socket.GetLink("cnit-lone").Index;
        Assert.True(Assert.Throws<NetlinkException>(() => socket.SetBridgePort(lone, new BridgePortSettings { Hairpin = true })).IsNotSupported);
        Assert.Null(socket.GetLink(lone).BridgePort);
    }

    /// <summary>
    /// What the CNI bridge plugin does with <c>vlan</c>, <c>vlanTrunk</c> and <c>preserveDefaultVlan</c>.
    /// Kernels built without CONFIG_BRIDGE_VLAN_FILTERING (the test machines') refuse VLAN filtering
    /// with EOPNOTSUPP; the test then checks that refusal for every VLAN request instead.
    /// </summary>
    [Fact]
    public void Bridge_vlans_are_added_listed_and_deleted_or_refused_without_kernel_support()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        NetlinkException? refused = null;
        try
        {
            socket.AddLink(new BridgeSpec("cnit-vbr") { VlanFiltering = true });
        }
        catch (NetlinkException ex) when (ex.IsNotSupported)
        {
            refused = ex;
            socket.AddLink(new BridgeSpec("cnit-vbr"));
        }

        var bridge = socket.GetLink("cnit-vbr");
        Assert.Equal(refused is null, bridge.Bridge!.Value.VlanFiltering);
        socket.AddLink(new VethSpec("cnit-vp0", "cnit-vp1") { MasterIndex = bridge.Index });
        var port = socket.GetLink("cnit-vp0").Index;

        if (refused is not null)
        {
            Assert.True(Assert.Throws<NetlinkException>(() => socket.AddBridgeVlan(port, new BridgeVlan(10) { Pvid = true, Untagged = true })).IsNotSupported);
            Assert.True(Assert.Throws<NetlinkException>(() => socket.AddBridgeVlan(port, new BridgeVlan(100, 200))).IsNotSupported);
            Assert.True(Assert.Throws<NetlinkException>(() => socket.AddBridgeVlan(bridge.Index, new BridgeVlan(10), self: true)).IsNotSupported);
            // Deleting is accepted: there is nothing to delete (bridge vlan del answers the same).
            socket.DeleteBridgeVlan(port, new BridgeVlan(1));
            Assert.Empty(BridgeVlanTable.Read(socket, port));
            return;
        }

        Assert.Equal(1, bridge.Bridge!.Value.DefaultPvid);
        socket.AddBridgeVlan(port, new BridgeVlan(10) { Pvid = true, Untagged = true });
        socket.AddBridgeVlan(port, new BridgeVlan(100, 200));
        socket.DeleteBridgeVlan(port, new BridgeVlan(1));
        socket.AddBridgeVlan(bridge.Index, new BridgeVlan(10), self: true);
        Assert.Equal([new BridgeVlan(10) { Pvid = true, Untagged = true }, new BridgeVlan(100, 200)], BridgeVlanTable.Read(socket, port));
        Assert.Contains(new BridgeVlan(10), BridgeVlanTable.Read(socket, bridge.Index));

        socket.DeleteBridgeVlan(port, new BridgeVlan(150, 200));
        Assert.Equal([new BridgeVlan(10) { Pvid = true, Untagged = true }, new BridgeVlan(100, 149)], BridgeVlanTable.Read(socket, port));
    }

    private static (int Bridge, int Port) BridgeWithPort(TestNamespace ns)
    {
        var bridge = ns.AddBridge("cnit-pbr");
        ns.Socket.AddLink(new VethSpec("cnit-p0", "cnit-p1") { MasterIndex = bridge, Up = true });
        return (bridge, ns.Socket.GetLink("cnit-p0").Index);
    }
}
