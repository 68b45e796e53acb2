using System.Net;
using System.Net.Sockets;
using Cni.Netlink;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Tests;

/// <summary>
/// The kernel-facing blocks on the real kernel: a "node" namespace and a "container" namespace,
/// both made by the test (cnit-...) and deleted after it, as a plugin sees them.
/// </summary>
public sealed class AttachmentTests : IDisposable
{
    private readonly TestNamespace _node = TestNamespace.Create();
    private readonly TestNamespace _containerNamespace = TestNamespace.Create();
    private readonly ContainerNamespace _container;
    private readonly RecordingLogger _logger = new();

    public AttachmentTests() => _container = ContainerNamespace.Open(_containerNamespace.Path);

    [Fact]
    public async Task Veth_pair_is_made_with_its_container_end_inside_the_container_and_rolled_back_whole()
    {
        var bridge = _node.AddBridge("cnit-br0");
        await using (var rollback = new Rollback(_logger))
        {
            var veth = VethPair.Create(_node.Socket, _container, "eth0", 1400, "02:00:00:00:00:07", bridge, rollback);

            Assert.Matches("^veth[0-9a-f]{8}$", veth.Host.Name);
            var host = _node.Socket.GetLink(veth.Host.Name);
            Assert.Equal((bridge, 1400, true), (host.MasterIndex, host.Mtu, host.IsUp));
            Assert.False(_node.Socket.TryGetLink("eth0", new LinkInfo()));

            var inside = _container.Socket.GetLink("eth0");
            Assert.Equal(("02:00:00:00:00:07", 1400, false), (MacAddress.Format(inside.HardwareAddress), inside.Mtu, inside.IsUp));
            Assert.Equal(inside.Index, veth.Container.Index);
            var reported = veth.Container.ToCniInterface(_containerNamespace.Path);
            Assert.Equal(("eth0", "02:00:00:00:00:07", _containerNamespace.Path), (reported.Name, reported.Mac, reported.Sandbox));
        }

        Assert.False(_container.Socket.TryGetLink("eth0", new LinkInfo()));
        Assert.DoesNotContain(Links(_node.Socket), name => name.StartsWith("veth", StringComparison.Ordinal));
        // The rollback's own Warning, then each step undone (none failed).
        Assert.Equal(LogLevel.Warning, _logger.Entries[0].Level);
        Assert.All(_logger.Entries.Skip(1), e => Assert.Equal(LogLevel.Information, e.Level));
    }

    [Fact]
    public async Task Veth_pair_refuses_a_taken_name_and_a_malformed_MAC_with_the_references_words()
    {
        await using var rollback = new Rollback(_logger);
        VethPair.Create(_node.Socket, _container, "eth0", 0, null, null, rollback);

        Assert.Equal("container veth name provided (eth0) already exists", Assert.Throws<CniException>(() => VethPair.Create(_node.Socket, _container, "eth0", 0, null, null, rollback)).Message);
        Assert.Equal("failed to make veth pair: address 02:00:zz:00:00:07: invalid MAC address", Assert.Throws<CniException>(() => VethPair.Create(_node.Socket, _container, "eth1", 0, "02:00:zz:00:00:07", null, rollback)).Message);
    }

    [Fact]
    public async Task A_second_networks_default_route_goes_next_to_the_first_and_CHECK_finds_both()
    {
        await using var rollback = new Rollback(_logger);
        var first = VethPair.Create(_node.Socket, _container, "eth0", 0, null, null, rollback);
        var second = VethPair.Create(_node.Socket, _container, "eth1", 0, null, null, rollback);
        var firstResult = Result("eth0", "10.71.0.5/24", "10.71.0.1", ("0.0.0.0/0", null), ("192.168.0.0/16", "10.71.0.254"));
        var secondResult = Result("eth1", "10.72.0.5/24", "10.72.0.1", ("0.0.0.0/0", null));

        ContainerInterface.Configure(_container, first.Container.Index, "eth0", firstResult, waitForDad: false);
        ContainerInterface.Configure(_container, second.Container.Index, "eth1", secondResult, waitForDad: false);

        Assert.Equal(
            [("10.71.0.1", first.Container.Index), ("10.72.0.1", second.Container.Index)],
            Routes(_container.Socket).Where(r => r.Destination == "0.0.0.0/0").Select(r => (r.Gateway!, r.Link)).Order());
        Assert.Contains(("192.168.0.0/16", "10.71.0.254", first.Container.Index), Routes(_container.Socket));
        Assert.Contains(("10.71.0.5/24", "10.71.0.255"), Addresses(_container.Socket, first.Container.Index));
        Assert.True(_container.Socket.GetLink("eth0").IsUp);

        foreach (var (ifName, result) in (ReadOnlySpan<(string, CniResult)>)[("eth0", firstResult), ("eth1", secondResult)])
        {
            ExpectedState.CheckAddresses(_container.Socket, ifName, result.IPs);
            ExpectedState.CheckRoutes(_container.Socket, result.Routes);
        }

        _container.Socket.DeleteRoute(new Route { Gateway = IPAddress.Parse("10.72.0.1"), OutputLinkIndex = second.Container.Index });
        Assert.Equal(
            "Expected Route {Dst:{IP:0.0.0.0 Mask:00000000} GW:10.72.0.1} not found in routing table",
            Assert.Throws<CniException>(() => ExpectedState.CheckRoutes(_container.Socket, [new CniRoute { Destination = IPCidr.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("10.72.0.1") }])).Message);
        _container.Socket.DeleteLink("eth1");
        Assert.Equal(
            "Cannot find container link eth1",
            Assert.Throws<CniException>(() => ExpectedState.CheckAddresses(_container.Socket, "eth1", secondResult.IPs)).Message);
    }

    [Fact]
    public async Task Configure_refuses_an_address_for_another_interface_and_a_route_the_kernel_refuses_in_the_references_words()
    {
        await using var rollback = new Rollback(_logger);
        var veth = VethPair.Create(_node.Socket, _container, "eth0", 0, null, null, rollback);

        var elsewhere = Result("eth0", "10.73.0.5/24", "10.73.0.1");
        elsewhere.Interfaces[0].Name = "net1";
        Assert.Equal(
            "failed to add IP addr 10.73.0.5/24 to \"eth0\": invalid interface index",
            Assert.Throws<CniException>(() => ContainerInterface.Configure(_container, veth.Container.Index, "eth0", elsewhere, waitForDad: false)).Message);

        var unreachable = Result("eth0", "10.74.0.5/24", "10.74.0.1", ("192.168.0.0/16", "10.99.0.1"));
        Assert.Equal(
            "failed to add route '{192.168.0.0 ffff0000} via 10.99.0.1 dev eth0': network is unreachable",
            Assert.Throws<CniException>(() => ContainerInterface.Configure(_container, veth.Container.Index, "eth0", unreachable, waitForDad: false)).Message);
    }

    [Fact]
    public async Task Link_deletion_runs_alongside_the_release_and_finds_a_missing_interface_already_done()
    {
        await using var rollback = new Rollback(_logger);
        VethPair.Create(_node.Socket, _container, "eth0", 0, null, null, rollback);
        rollback.Complete();

        var released = 0;
        await ContainerLinkDeletion.AlongsideAsync(_container, "eth0", () => { released++; return Task.CompletedTask; });
        await ContainerLinkDeletion.AlongsideAsync(_container, "eth0", () => { released++; return Task.CompletedTask; });
        await ContainerLinkDeletion.AlongsideAsync(null, "eth0", () => { released++; return Task.CompletedTask; });

        Assert.Equal(3, released);
        Assert.False(_container.Socket.TryGetLink("eth0", new LinkInfo()));
        Assert.DoesNotContain(Links(_node.Socket), name => name.StartsWith("veth", StringComparison.Ordinal));
    }

    [Fact]
    public void Container_namespace_that_is_gone_is_an_error_to_open_and_null_to_try()
    {
        const string Missing = "/var/run/netns/cnit-missing-namespace";
        Assert.Equal(
            $"failed to open netns \"{Missing}\": failed to Statfs \"{Missing}\": no such file or directory",
            Assert.Throws<CniException>(() => ContainerNamespace.Open(Missing)).Message);
        Assert.Null(ContainerNamespace.TryOpen(Missing));
    }

    [Fact]
    public async Task Sysctls_are_those_of_the_namespace_the_thread_is_in()
    {
        await using var rollback = new Rollback(_logger);
        VethPair.Create(_node.Socket, _container, "eth0", 0, null, null, rollback);

        _container.Handle.Run(() =>
        {
            Sysctl.Write("net/ipv4/conf/eth0/arp_notify", "1");
            Sysctl.TryWrite("net/ipv4/conf/cnit-none/arp_notify", "1");
            Sysctl.EnableForwarding(AddressFamily.InterNetwork);
        });
        Assert.Equal(("1", "1"), _container.Handle.Run(() => (Sysctl.Read("net/ipv4/conf/eth0/arp_notify"), Sysctl.Read("net/ipv4/ip_forward"))));
        Assert.Equal("0", _node.Namespace.Run(() => Sysctl.Read("net/ipv4/ip_forward")));
        Assert.Throws<DirectoryNotFoundException>(() => _container.Handle.Run(() => Sysctl.Write("net/ipv4/conf/cnit-none/arp_notify", "1")));
    }

    public void Dispose()
    {
        _container.Dispose();
        _containerNamespace.Dispose();
        _node.Dispose();
    }

    private static CniResult Result(string ifName, string address, string gateway, params (string Destination, string? Gateway)[] routes)
    {
        var result = new CniResult();
        result.Interfaces.Add(new CniInterface { Name = ifName });
        result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse(address), Gateway = IPAddress.Parse(gateway), Interface = 0 });
        foreach (var (destination, via) in routes)
        {
            result.Routes.Add(new CniRoute { Destination = IPCidr.Parse(destination), Gateway = via is null ? null : IPAddress.Parse(via) });
        }

        return result;
    }

    private static List<string> Links(NetlinkSocket socket)
    {
        var names = new List<string>();
        foreach (var link in socket.DumpLinks())
        {
            names.Add(link.GetName());
        }

        return names;
    }

    private static List<(string Destination, string? Gateway, int Link)> Routes(NetlinkSocket socket)
    {
        var routes = new List<(string, string?, int)>();
        foreach (var route in socket.DumpRoutes(AddressFamily.InterNetwork, Route.MainTable))
        {
            routes.Add(($"{route.GetDestination()}/{route.DestinationPrefixLength}", route.GetGateway()?.ToString(), route.OutputLinkIndex));
        }

        return routes;
    }

    private static List<(string Address, string Broadcast)> Addresses(NetlinkSocket socket, int linkIndex)
    {
        var addresses = new List<(string, string)>();
        foreach (var address in socket.DumpAddresses(AddressFamily.InterNetwork, linkIndex))
        {
            addresses.Add(($"{address.GetAddress()}/{address.PrefixLength}", new IPAddress(address.BroadcastBytes).ToString()));
        }

        return addresses;
    }
}
