namespace Cni.Netlink.Tests.StockKernel;

/// <summary>macvlan links in every mode, on Debian's stock kernel (the VM lane).</summary>
[Trait(KernelLane.Name, KernelLane.Vm)]
public class MacvlanLinkTests
{
    [Theory]
    [InlineData(MacvlanMode.Private, "private")]
    [InlineData(MacvlanMode.Vepa, "vepa")]
    [InlineData(MacvlanMode.Bridge, "bridge")]
    [InlineData(MacvlanMode.Passthrough, "passthru")]
    [InlineData(MacvlanMode.Source, "source")]
    public void Macvlan_is_created_in_each_mode_read_back_as_iproute2_sees_it_changed_and_deleted(MacvlanMode mode, string iproute2Mode)
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-parent"));
        var parent = socket.GetLink("cnit-parent").Index;
        socket.AddLink(new MacvlanSpec("cnit-mv", parent, mode));

        var link = socket.GetLink("cnit-mv");
        Assert.Equal("macvlan", link.Kind);
        Assert.Equal(parent, link.ParentIndex);
        Assert.Equal(new MacvlanState(mode), link.Macvlan);
        var seen = Iproute2.Link(ns, "cnit-mv");
        Assert.Equal(iproute2Mode, seen.GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("cnit-parent", seen.GetProperty("link").GetString());

        socket.SetLinkUp(parent);
        socket.SetLinkUp(link.Index);
        byte[] mac = [0x02, 0xc1, 0, 0, 0, 0x42];
        if (mode != MacvlanMode.Passthrough)
        {
            // A passthrough macvlan takes the parent's address; the others have their own.
            socket.SetLinkHardwareAddress(link.Index, mac);
        }

        var changed = socket.GetLink(link.Index);
        Assert.True(changed.IsUp);
        if (mode != MacvlanMode.Passthrough)
        {
            Assert.Equal(mac, changed.HardwareAddress.ToArray());
        }

        socket.DeleteLink(link.Index);
        Assert.False(socket.TryGetLink("cnit-mv", new LinkInfo()));
    }

    [Fact]
    public void Only_one_passthrough_macvlan_fits_on_a_parent()
    {
        using var ns = TestNamespace.Create();
        var socket = ns.Socket;
        socket.AddLink(new DummySpec("cnit-parent"));
        var parent = socket.GetLink("cnit-parent").Index;
        socket.AddLink(new MacvlanSpec("cnit-pt0", parent, MacvlanMode.Passthrough));

        Assert.Throws<NetlinkException>(() => socket.AddLink(new MacvlanSpec("cnit-pt1", parent, MacvlanMode.Passthrough)));
        Assert.False(socket.TryGetLink("cnit-pt1", new LinkInfo()));
    }
}
