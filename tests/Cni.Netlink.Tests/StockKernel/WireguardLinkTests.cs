namespace Cni.Netlink.Tests.StockKernel;

/// <summary>WireGuard links (the link only; keys and peers are generic netlink), on Debian's stock kernel (the VM lane).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class WireguardLinkTests
{
    [Fact]
    public void Wireguard_link_is_created_set_up_and_deleted()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new WireguardSpec("cnit-wg") { Mtu = 1420 });
        var link = ns.Socket.GetLink("cnit-wg");
        Assert.Equal("wireguard", link.Kind);
        Assert.Equal(1420, link.Mtu);
        var ip = Iproute2.Link(ns, "cnit-wg");
        Assert.Equal("wireguard", ip.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1420, ip.GetProperty("mtu").GetInt32());

        ns.Socket.SetLinkUp(link.Index);
        Assert.True(ns.Socket.GetLink(link.Index).IsUp);
        ns.Socket.DeleteLink(link.Index);
        Assert.False(ns.Socket.TryGetLink("cnit-wg", new LinkInfo()));
    }
}
