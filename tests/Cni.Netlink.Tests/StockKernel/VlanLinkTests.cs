namespace Cni.Netlink.Tests.StockKernel;

/// <summary>802.1Q and 802.1ad vlan links, on Debian's stock kernel (the VM lane; this machine's kernel has no 8021q).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class VlanLinkTests
{
    [Theory]
    [InlineData(VlanProtocol.Dot1Q, "802.1Q")]
    [InlineData(VlanProtocol.Dot1AD, "802.1ad")]
    public void Vlan_is_created_read_back_as_iproute2_sees_it_changed_and_deleted(VlanProtocol protocol, string iproute2Protocol)
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-trunk"));
        var parent = socket.GetLink("cnit-trunk").Index;
        socket.AddLink(new VlanSpec("cnit-v100", parent, 100) { Protocol = protocol, Mtu = 1400 });

        var link = socket.GetLink("cnit-v100");
        Assert.Equal("vlan", link.Kind);
        Assert.Equal(parent, link.ParentIndex);
        Assert.Equal(new VlanState(100, protocol), link.Vlan);
        var seen = Iproute2.Link(ns, "cnit-v100");
        Assert.Equal("vlan", seen.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(100, seen.GetProperty("linkinfo").GetProperty("info_data").GetProperty("id").GetInt32());
        Assert.Equal(iproute2Protocol, seen.GetProperty("linkinfo").GetProperty("info_data").GetProperty("protocol").GetString());
        Assert.Equal("cnit-trunk", seen.GetProperty("link").GetString());
        Assert.Equal(1400, seen.GetProperty("mtu").GetInt32());

        socket.SetLinkName(link.Index, "cnit-v100b");
        socket.SetLinkUp(parent);
        socket.SetLinkUp(link.Index);
        socket.SetLinkMtu(link.Index, 1300);
        var changed = socket.GetLink(link.Index);
        Assert.True(changed.IsUp);
        Assert.Equal(1300, changed.Mtu);
        Assert.Equal("cnit-v100b", changed.Name);
        Assert.Equal(new VlanState(100, protocol), changed.Vlan);

        socket.DeleteLink(link.Index);
        Assert.False(socket.TryGetLink(link.Index, new LinkInfo()));
        Assert.True(socket.TryGetLink(parent, new LinkInfo()));
    }

    [Fact]
    public void QinQ_stacks_an_802_1Q_vlan_on_an_802_1ad_one_and_deleting_the_parent_deletes_both()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-trunk"));
        var trunk = socket.GetLink("cnit-trunk").Index;
        socket.AddLink(new VlanSpec("cnit-outer", trunk, 300) { Protocol = VlanProtocol.Dot1AD });
        var outer = socket.GetLink("cnit-outer").Index;
        socket.AddLink(new VlanSpec("cnit-inner", outer, 42));

        var inner = socket.GetLink("cnit-inner");
        Assert.Equal(outer, inner.ParentIndex);
        Assert.Equal(new VlanState(42, VlanProtocol.Dot1Q), inner.Vlan);
        Assert.Equal("cnit-outer", Iproute2.Link(ns, "cnit-inner").GetProperty("link").GetString());

        socket.DeleteLink(trunk);
        Assert.False(socket.TryGetLink("cnit-outer", new LinkInfo()));
        Assert.False(socket.TryGetLink("cnit-inner", new LinkInfo()));
    }

    [Fact]
    public void A_second_vlan_with_the_same_id_on_one_parent_is_refused()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-trunk"));
        var parent = socket.GetLink("cnit-trunk").Index;
        socket.AddLink(new VlanSpec("cnit-va", parent, 7));

        var refused = Assert.Throws<NetlinkException>(() => socket.AddLink(new VlanSpec("cnit-vb", parent, 7)));
        Assert.True(refused.IsExists);
        Assert.False(socket.TryGetLink("cnit-vb", new LinkInfo()));
    }
}
