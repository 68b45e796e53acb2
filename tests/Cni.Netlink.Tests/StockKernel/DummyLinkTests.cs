namespace Cni.Netlink.Tests.StockKernel;

/// <summary>Dummy links, on Debian's stock kernel (the VM lane; this machine's kernel has no dummy driver).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class DummyLinkTests
{
    [Fact]
    public void Dummy_is_created_read_back_changed_and_deleted()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-dummy") { Mtu = 1400 });

        var link = socket.GetLink("cnit-dummy");
        Assert.Equal("dummy", link.Kind);
        Assert.Equal(1400, link.Mtu);

        socket.SetLinkUp(link.Index);
        socket.SetLinkMtu(link.Index, 9000);
        var changed = socket.GetLink(link.Index);
        Assert.True(changed.IsUp);
        Assert.Equal(9000, changed.Mtu);

        socket.DeleteLink(link.Index);
        Assert.False(socket.TryGetLink("cnit-dummy", new LinkInfo()));
    }
}
