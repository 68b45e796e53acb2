using System.Net;

namespace Cni.Netlink.Tests.StockKernel;

/// <summary>Geneve links, IPv4 and IPv6, on Debian's stock kernel (the VM lane).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class GeneveLinkTests
{
    [Fact]
    public void Geneve_is_created_with_its_settings_read_back_as_iproute2_sees_them_and_deleted()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new GeneveSpec("cnit-gnv", 4242) { Remote = IPAddress.Parse("10.1.2.3"), Ttl = 64, Tos = 0x10, Port = 6082 });
        ns.Socket.AddLink(new GeneveSpec("cnit-gnv6", 0xFFFFFF) { Remote = IPAddress.Parse("fd00::2") });

        var link = ns.Socket.GetLink("cnit-gnv");
        Assert.Equal("geneve", link.Kind);
        Assert.Equal(new GeneveState(4242, IPAddress.Parse("10.1.2.3"), 64, 0x10, 6082), link.Geneve);
        var data = Iproute2.Link(ns, "cnit-gnv").GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(4242, data.GetProperty("id").GetInt32());
        Assert.Equal("10.1.2.3", data.GetProperty("remote").GetString());
        Assert.Equal(64, data.GetProperty("ttl").GetInt32());
        Assert.Equal("0x10", data.GetProperty("tos").GetString());
        Assert.Equal(6082, data.GetProperty("port").GetInt32());

        var six = ns.Socket.GetLink("cnit-gnv6");
        Assert.Equal(new GeneveState(0xFFFFFF, IPAddress.Parse("fd00::2"), 0, 0, 6081), six.Geneve);
        var data6 = Iproute2.Link(ns, "cnit-gnv6").GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal("fd00::2", data6.GetProperty("remote6").GetString());
        Assert.Equal(6081, data6.GetProperty("port").GetInt32());

        ns.Socket.SetLinkMtu(link.Index, 1400);
        Assert.Equal(1400, ns.Socket.GetLink(link.Index).Mtu);
        ns.Socket.DeleteLink(link.Index);
        ns.Socket.DeleteLink(six.Index);
        Assert.False(ns.Socket.TryGetLink("cnit-gnv", new LinkInfo()));
    }
}
