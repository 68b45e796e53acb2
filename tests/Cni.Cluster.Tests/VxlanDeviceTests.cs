using System.Net;
using Cni.Netlink;
using Cni.Testing;

namespace Cni.Cluster.Tests;

/// <summary>The VXLAN device of <see cref="VxlanDataPlane"/>: made with flannel's settings, reused when they match, made again when they do not.</summary>
public class VxlanDeviceTests
{
    private static readonly IPAddress UnderlayAddress = IPAddress.Parse("10.91.0.1");
    private static readonly IPCidr Block = IPCidr.Parse("10.245.7.0/24");

    [Fact]
    public void The_device_is_made_with_the_settings_and_reused_with_its_mac_address()
    {
        using var ns = TestNamespace.Create();
        var eth0 = AddUnderlay(ns);

        using var plane = new VxlanDataPlane(ns.Socket, eth0, UnderlayAddress, Block);
        var device = ns.Socket.GetLink(VxlanDataPlane.DefaultDeviceName);
        Assert.Equal(new VxlanState(1, UnderlayAddress, 4789, eth0, Learning: false), device.Vxlan);
        Assert.Equal(1400 - VxlanDataPlane.Overhead, device.Mtu);
        Assert.True(device.IsUp);
        Assert.Equal(device.GetPhysicalAddress(), plane.VtepAddress);
        Assert.Equal(VxlanDataPlane.VtepAddressFor(UnderlayAddress), plane.VtepAddress);
        Assert.Equal("0EC10A5B0001", plane.VtepAddress.ToString()); // 0e:c1 and 10.91.0.1
        Assert.Equal(["10.245.7.0/32"], Addresses(ns.Socket, device.Index));

        using var again = new VxlanDataPlane(ns.Socket, eth0, UnderlayAddress, Block);
        Assert.Equal(device.Index, again.DeviceIndex);
        Assert.Equal(plane.VtepAddress, again.VtepAddress);

        // The node got another block: the device's address follows, the device stays.
        using var moved = new VxlanDataPlane(ns.Socket, eth0, UnderlayAddress, IPCidr.Parse("10.245.8.0/24"));
        Assert.Equal(device.Index, moved.DeviceIndex);
        Assert.Equal(["10.245.8.0/32"], Addresses(ns.Socket, device.Index));
    }

    [Fact]
    public void A_device_of_that_name_with_other_settings_is_made_again()
    {
        using var ns = TestNamespace.Create();
        var eth0 = AddUnderlay(ns);
        ns.Socket.AddLink(new VxlanSpec("cnit-vx", 9) { Local = UnderlayAddress, UnderlayIndex = eth0, Port = 4789, Learning = true });
        var old = ns.Socket.GetLink("cnit-vx").Index;

        using var plane = new VxlanDataPlane(ns.Socket, eth0, UnderlayAddress, Block, deviceName: "cnit-vx", vni: 42, port: 8472);
        var device = ns.Socket.GetLink("cnit-vx");
        Assert.NotEqual(old, device.Index);
        Assert.Equal(new VxlanState(42, UnderlayAddress, 8472, eth0, Learning: false), device.Vxlan);
    }

    [Fact]
    public void IPv6_is_refused()
    {
        using var ns = TestNamespace.Create();
        var eth0 = AddUnderlay(ns);
        Assert.Throws<ArgumentException>(() => new VxlanDataPlane(ns.Socket, eth0, IPAddress.Parse("fd00::1"), Block));
        Assert.Throws<ArgumentException>(() => new VxlanDataPlane(ns.Socket, eth0, UnderlayAddress, IPCidr.Parse("fd00:244::/64")));
        Assert.False(ns.Socket.TryGetLink(VxlanDataPlane.DefaultDeviceName, new LinkInfo()));
    }

    private static int AddUnderlay(TestNamespace ns)
    {
        var link = ns.AddBridge("cnit-eth0");
        ns.Socket.SetLinkMtu(link, 1400);
        ns.Socket.AddAddress(link, UnderlayAddress, 24);
        return link;
    }

    private static List<string> Addresses(NetlinkSocket socket, int link)
    {
        var list = new List<string>();
        foreach (var address in socket.DumpAddresses(System.Net.Sockets.AddressFamily.InterNetwork, link))
        {
            list.Add($"{new IPAddress(address.AddressBytes)}/{address.PrefixLength}");
        }

        return list;
    }
}
