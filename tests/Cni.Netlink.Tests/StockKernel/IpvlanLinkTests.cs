namespace Cni.Netlink.Tests.StockKernel;

/// <summary>ipvlan links in L2, L3 and L3S mode with each isolation, on Debian's stock kernel (the VM lane; this machine's kernel has no ipvlan).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class IpvlanLinkTests
{
    [Theory]
    [InlineData(IpvlanMode.L2, IpvlanIsolation.Bridge, "l2", "bridge")]
    [InlineData(IpvlanMode.L3, IpvlanIsolation.Bridge, "l3", "bridge")]
    [InlineData(IpvlanMode.L3S, IpvlanIsolation.Bridge, "l3s", "bridge")]
    [InlineData(IpvlanMode.L2, IpvlanIsolation.Private, "l2", "private")]
    [InlineData(IpvlanMode.L3, IpvlanIsolation.Vepa, "l3", "vepa")]
    public void Ipvlan_is_created_read_back_as_iproute2_sees_it_changed_and_deleted(IpvlanMode mode, IpvlanIsolation isolation, string iproute2Mode, string iproute2Isolation)
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-parent"));
        var parent = socket.GetLink("cnit-parent").Index;
        socket.AddLink(new IpvlanSpec("cnit-ipv", parent, mode) { Isolation = isolation, Mtu = 1400 });

        var link = socket.GetLink("cnit-ipv");
        Assert.Equal("ipvlan", link.Kind);
        Assert.Equal(parent, link.ParentIndex);
        Assert.Equal(new IpvlanState(mode, isolation), link.Ipvlan);
        var data = Iproute2.Link(ns, "cnit-ipv").GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(iproute2Mode, data.GetProperty("mode").GetString());
        // iproute2 prints the isolation as a flag of its own name: "bridge": true.
        Assert.True(data.TryGetProperty(iproute2Isolation, out var flag) && flag.GetBoolean(), data.ToString());

        socket.SetLinkUp(parent);
        socket.SetLinkUp(link.Index);
        socket.SetLinkMtu(link.Index, 1300);
        var changed = socket.GetLink(link.Index);
        Assert.True(changed.IsUp);
        Assert.Equal(1300, changed.Mtu);
        // An ipvlan shares its parent's MAC address.
        Assert.Equal(socket.GetLink(parent).HardwareAddress.ToArray(), changed.HardwareAddress.ToArray());

        socket.DeleteLink(link.Index);
        Assert.False(socket.TryGetLink("cnit-ipv", new LinkInfo()));
    }
}
