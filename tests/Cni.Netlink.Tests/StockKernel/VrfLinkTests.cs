namespace Cni.Netlink.Tests.StockKernel;

/// <summary>VRF devices and their ports, on Debian's stock kernel (the VM lane).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class VrfLinkTests
{
    [Fact]
    public void Vrf_is_created_with_its_table_takes_a_port_and_releases_it()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VrfSpec("cnit-vrf", 100) { Up = true });
        var vrf = ns.Socket.GetLink("cnit-vrf");
        Assert.Equal("vrf", vrf.Kind);
        Assert.Equal(new VrfState(100), vrf.Vrf);
        var ip = Iproute2.Link(ns, "cnit-vrf");
        Assert.Equal("vrf", ip.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(100u, ip.GetProperty("linkinfo").GetProperty("info_data").GetProperty("table").GetUInt32());

        ns.Socket.AddLink(new VethSpec("cnit-vp", "cnit-vpp"));
        var port = ns.Socket.GetLink("cnit-vp").Index;
        ns.Socket.SetLinkMaster(port, vrf.Index);
        Assert.Equal(vrf.Index, ns.Socket.GetLink(port).MasterIndex);
        var slave = Iproute2.Link(ns, "cnit-vp").GetProperty("linkinfo");
        Assert.Equal("vrf", slave.GetProperty("info_slave_kind").GetString());
        Assert.Equal(100u, slave.GetProperty("info_slave_data").GetProperty("table").GetUInt32());

        ns.Socket.SetLinkNoMaster(port);
        Assert.Equal(0, ns.Socket.GetLink(port).MasterIndex);
        ns.Socket.DeleteLink(vrf.Index);
        Assert.False(ns.Socket.TryGetLink("cnit-vrf", new LinkInfo()));
    }
}
