namespace Cni.Netlink.Tests;

/// <summary>tun and tap links, made through /dev/net/tun as <c>ip tuntap add</c> does, on the real kernel.</summary>
public class TunTests
{
    [Fact]
    public void Tap_is_created_with_its_settings_read_back_as_iproute2_sees_it_and_deleted()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new TunSpec("cnit-tap0") { MultiQueue = true, Owner = 0, Group = 0, Mtu = 1400, Up = true });

        var link = ns.Socket.GetLink("cnit-tap0");
        Assert.Equal("tun", link.Kind);
        Assert.Equal(1400, link.Mtu);
        Assert.True(link.IsUp);
        Assert.Equal(new TunState(TunMode.Tap, PacketInformation: false, MultiQueue: true, Persistent: true, Queues: 0, Owner: 0, Group: 0), link.Tun);

        var ip = IpLinkJson.Show(ns, "cnit-tap0");
        Assert.Equal("tun", IpLinkJson.Kind(ip));
        var data = IpLinkJson.InfoData(ip);
        Assert.Equal("tap", data.GetProperty("type").GetString());
        Assert.False(data.GetProperty("pi").GetBoolean());
        Assert.True(data.GetProperty("multi_queue").GetBoolean());
        Assert.True(data.GetProperty("persist").GetBoolean());
        Assert.Equal("root", data.GetProperty("user").GetString());
        Assert.Equal("root", data.GetProperty("group").GetString());
        Assert.Equal(1400, ip.GetProperty("mtu").GetInt32());
        Assert.Equal(link.Index, ip.GetProperty("ifindex").GetInt32());

        ns.Socket.SetLinkMtu(link.Index, 1300);
        Assert.Equal(1300, ns.Socket.GetLink(link.Index).Mtu);

        ns.Socket.DeleteLink(link.Index);
        Assert.False(ns.Socket.TryGetLink("cnit-tap0", new LinkInfo()));
    }

    [Fact]
    public void Tun_without_options_has_no_owner_and_carries_ip_packets()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new TunSpec("cnit-tun0", TunMode.Tun));

        var link = ns.Socket.GetLink("cnit-tun0");
        Assert.Equal(new TunState(TunMode.Tun, PacketInformation: false, MultiQueue: false, Persistent: true, Queues: 0, Owner: null, Group: null), link.Tun);
        Assert.Equal(0, link.HardwareAddress.Length);
        Assert.False(link.IsUp);

        var data = IpLinkJson.InfoData(IpLinkJson.Show(ns, "cnit-tun0"));
        Assert.Equal("tun", data.GetProperty("type").GetString());
        Assert.False(data.GetProperty("multi_queue").GetBoolean());
        Assert.False(data.TryGetProperty("user", out _));
        Assert.Null(ns.Socket.GetLink("lo").Tun);

        ns.Socket.DeleteLink("cnit-tun0");
        Assert.False(ns.Socket.TryGetLink("cnit-tun0", new LinkInfo()));
    }

    [Fact]
    public void Tap_is_made_in_the_sockets_namespace_from_a_thread_there_or_elsewhere()
    {
        using var ns = TestNamespace.Create();
        using var other = TestNamespace.Create();

        // This thread is in neither namespace: the file is opened on a thread that enters the socket's.
        ns.Socket.AddLink(new TunSpec("cnit-tapa"));
        Assert.True(ns.Socket.TryGetLink("cnit-tapa", new LinkInfo()));
        Assert.False(other.Socket.TryGetLink("cnit-tapa", new LinkInfo()));

        // A socket opened in the calling thread's namespace opens the file on that thread.
        ns.Namespace.Run(() =>
        {
            using var local = NetlinkSocket.Open();
            local.AddLink(new TunSpec("cnit-tapb"));
        });
        Assert.True(ns.Socket.TryGetLink("cnit-tapb", new LinkInfo()));
        Assert.False(other.Socket.TryGetLink("cnit-tapb", new LinkInfo()));
    }

    [Fact]
    public void Tap_is_moved_into_the_specs_namespace_and_enslaved_to_a_bridge()
    {
        using var ns = TestNamespace.Create();
        using var container = TestNamespace.Create();
        var bridge = ns.AddBridge("cnit-tbr");
        ns.Socket.AddLink(new TunSpec("cnit-tapm") { MasterIndex = bridge });
        Assert.Equal(bridge, ns.Socket.GetLink("cnit-tapm").MasterIndex);

        ns.Socket.AddLink(new TunSpec("cnit-tapn") { Namespace = container.Namespace, Up = true });
        Assert.False(ns.Socket.TryGetLink("cnit-tapn", new LinkInfo()));
        var moved = container.Socket.GetLink("cnit-tapn");
        Assert.Equal(TunMode.Tap, moved.Tun!.Value.Mode);
        Assert.True(moved.IsUp);
    }

    [Fact]
    public void Settings_the_kernel_refuses_leave_no_link_behind()
    {
        using var ns = TestNamespace.Create();
        var ex = Assert.Throws<NetlinkException>(() => ns.Socket.AddLink(new TunSpec("cnit-tapx") { MasterIndex = 9999 }));
        Assert.Equal("add tun link", ex.Operation);
        Assert.False(ns.Socket.TryGetLink("cnit-tapx", new LinkInfo()));
    }

    [Fact]
    public void A_name_longer_than_the_kernel_takes_is_refused_before_any_call()
    {
        using var ns = TestNamespace.Create();
        Assert.Throws<ArgumentException>(() => ns.Socket.AddLink(new TunSpec("cnit-0123456789ab")));
    }
}
