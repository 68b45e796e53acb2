using System.Net;
using System.Net.Sockets;
using Cni.Netlink;

namespace Cni.Plugins.Tests;

/// <summary>
/// A reused address on a bridge: neighbour B still has the address at a MAC that is gone (the
/// previous container's); container A, which has the address now, announces it, and B's entry
/// holds A's MAC at once. Without the announcement the entry stays wrong (checked for 300 ms
/// before it), so the test can fail. All in namespaces the test makes.
/// </summary>
public sealed class AnnouncementTests : IDisposable
{
    private static readonly byte[] GoneMac = [0x02, 0x00, 0x00, 0x00, 0xde, 0xad];

    private readonly TestNamespace _node = TestNamespace.Create();
    private readonly TestNamespace _aNamespace = TestNamespace.Create();
    private readonly TestNamespace _bNamespace = TestNamespace.Create();
    private readonly ContainerNamespace _a;
    private readonly ContainerNamespace _b;

    public AnnouncementTests()
    {
        _a = ContainerNamespace.Open(_aNamespace.Path);
        _b = ContainerNamespace.Open(_bNamespace.Path);
    }

    [Theory]
    [InlineData("10.75.0.5", "10.75.0.6", 24)]
    [InlineData("fd00:75::5", "fd00:75::6", 64)]
    public async Task A_neighbours_stale_entry_for_a_reused_address_takes_the_new_MAC_at_once(string reused, string neighbour, int prefixLength)
    {
        var bridge = _node.AddBridge("cnit-annbr");
        await using var rollback = new Rollback(new RecordingLogger());
        var a = Attach(_a, bridge, reused, prefixLength, rollback);
        var b = Attach(_b, bridge, neighbour, prefixLength, rollback);
        var address = IPAddress.Parse(reused);

        _b.Socket.ReplaceNeighbor(new Neighbor { LinkIndex = b.Container.Index, Address = address, HardwareAddress = GoneMac, State = NeighborState.Reachable });
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(MacAddress.Format(GoneMac), EntryFor(_b.Socket, b.Container.Index, address));

        AddressAnnouncement.Send(_a, a.Container.Index, [address]);

        var mac = MacAddress.Format(a.Container.HardwareAddress);
        for (var waited = 0; EntryFor(_b.Socket, b.Container.Index, address) != mac && waited < 2000; waited += 20)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(mac, EntryFor(_b.Socket, b.Container.Index, address));

        // The IPv4 announcement resolves A's own address once; that entry is gone again.
        Assert.Null(EntryFor(_a.Socket, a.Container.Index, address));
    }

    [Fact]
    public async Task A_tentative_IPv6_address_is_not_announced_and_a_missing_link_is_an_error()
    {
        var bridge = _node.AddBridge("cnit-annbr");
        await using var rollback = new Rollback(new RecordingLogger());
        var veth = VethPair.Create(_node.Socket, _a, "eth0", 0, null, bridge, rollback);
        _a.Socket.SetLinkUp(veth.Container.Index);
        _a.Handle.Run(() => Sysctl.Write("net/ipv6/conf/eth0/accept_dad", "1"));
        _a.Socket.AddAddress(veth.Container.Index, IPCidr.Parse("fd00:76::5/64"));

        // Nothing is sent for it, so even a link that cannot send would not fail.
        AddressAnnouncement.Send(_a, veth.Container.Index, [IPAddress.Parse("fd00:76::5")]);
        Assert.Equal(
            "failed to announce addresses: link 4242 not found",
            Assert.Throws<CniException>(() => AddressAnnouncement.Send(_a, 4242, [IPAddress.Parse("10.0.0.1")])).Message);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _aNamespace.Dispose();
        _bNamespace.Dispose();
        _node.Dispose();
    }

    private VethPair Attach(ContainerNamespace container, int bridge, string address, int prefixLength, Rollback rollback)
    {
        var veth = VethPair.Create(_node.Socket, container, "eth0", 0, null, bridge, rollback);
        container.Handle.Run(() => Sysctl.Write("net/ipv6/conf/eth0/accept_dad", "0"));
        var result = new CniResult();
        result.Interfaces.Add(new CniInterface { Name = "eth0" });
        result.IPs.Add(new CniIPConfig { Address = new IPCidr(IPAddress.Parse(address), prefixLength), Interface = 0 });
        ContainerInterface.Configure(container, veth.Container.Index, "eth0", result, waitForDad: false);
        return veth;
    }

    private static string? EntryFor(NetlinkSocket socket, int linkIndex, IPAddress address)
    {
        foreach (var entry in socket.DumpNeighbors(address.AddressFamily, linkIndex))
        {
            if (entry.GetAddress().Equals(address))
            {
                return MacAddress.Format(entry.HardwareAddress);
            }
        }

        return null;
    }
}
