using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// An address reused on a bridge, through the reference libcni: container B talks to A, A is
/// deleted, C is added and gets A's address with a new MAC. B's neighbour entry still says A's MAC
/// (it stays reachable for 15 to 45 s), so without an announcement B's first packets to C go to a
/// MAC that is gone. bridge announces C's addresses at the end of ADD: B reaches C at once.
/// </summary>
public sealed class BridgeAddressReuseTests
{
    private const string Config = """
        {"cniVersion":"1.0.0","name":"cnit-reuse","type":"bridge","bridge":"cnit-reuse","isGateway":true,
         "ipam":{"type":"host-local","subnet":"10.77.0.0/24","rangeStart":"10.77.0.2","rangeEnd":"10.77.0.3","dataDir":"DATADIR"}}
        """;

    [Fact]
    public async Task A_neighbour_reaches_the_container_that_took_a_deleted_containers_address_at_once()
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        using var node = TestNode.Ours();
        var config = node.WriteConfig("reuse.conf", Config);
        var b = node.AddContainer();
        var a = node.AddContainer();
        var c = node.AddContainer();

        Assert.Equal("10.77.0.2", TestNode.FirstAddress(await node.AddAsync(config, b, "ctr-b")));
        var reused = TestNode.FirstAddress(await node.AddAsync(config, a, "ctr-a"));
        Assert.Equal("10.77.0.3", reused);
        await TestNode.ExecAsync(b, "ping", "-c", "1", "-W", "2", reused);
        var before = await TestNode.ExecAsync(b, "ip", "neigh", "show", reused);
        Assert.Contains("REACHABLE", before, StringComparison.Ordinal);

        await node.DelAsync(config, a, "ctr-a");
        Assert.Equal(reused, TestNode.FirstAddress(await node.AddAsync(config, c, "ctr-c")));

        var ping = await TestNode.ExecUncheckedAsync(b, "ping", "-c", "1", "-W", "1", reused);
        var cMac = (await TestNode.ExecAsync(c, "cat", "/sys/class/net/eth0/address")).Trim();
        Assert.True(
            ping.ExitCode == 0,
            $"B could not reach {reused} at once; B's entry: {await TestNode.ExecAsync(b, "ip", "neigh", "show", reused)}(C's MAC {cMac}, before {before.Trim()})");
        Assert.Contains(cMac, await TestNode.ExecAsync(b, "ip", "neigh", "show", reused), StringComparison.Ordinal);
    }
}
