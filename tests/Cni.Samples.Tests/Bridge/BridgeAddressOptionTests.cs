using System.Diagnostics;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// The bridge keys that decide what happens to addresses, observed on the kernel through libcni next to
/// the reference bridge on a parallel node: <c>forceAddress</c> (a bridge that already holds another
/// gateway address) and <c>enabledad</c> (IPv6 duplicate address detection on the container interface).
/// </summary>
public sealed class BridgeAddressOptionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_bridge_holding_another_gateway_address_fails_the_ADD_or_with_forceAddress_gets_the_new_one(bool forceAddress)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        var json = $$$"""
            {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0","isGateway":true,"forceAddress":{{{(forceAddress ? "true" : "false")}}},
             "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR"}}
            """;
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var outcomes = new List<(int ExitCode, string Stdout, string BridgeAddresses)>();

        foreach (var node in (TestNode[])[reference, ours])
        {
            await TestNode.ExecAsync(node.Name, "sh", "-c", "ip link add cni0 type bridge && ip addr add 10.22.5.1/24 dev cni0");
            var add = await node.LibcniAsync("add", node.WriteConfig("bridge.conf", json), node.AddContainer(), "ctr1");
            outcomes.Add((add.ExitCode, add.ExitCode == 0 ? "" : add.Stdout, await BridgeIPv4Addresses(node)));
        }

        var (exitCode, error, addresses) = outcomes[1];
        if (forceAddress)
        {
            Assert.True(exitCode == 0, error);
            Assert.Equal("10.22.0.1/16", addresses);
        }
        else
        {
            Assert.Equal(1, exitCode);
            Assert.Contains("\\\"cni0\\\" already has an IP address different from 10.22.0.1/16", error, StringComparison.Ordinal);
            Assert.Equal("10.22.5.1/24", addresses);
        }

        Assert.Equal(outcomes[0], outcomes[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_enabledad_the_container_address_goes_through_duplicate_address_detection_and_without_it_does_not(bool enableDad)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        var json = $$$"""
            {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cnit-br","isGateway":true,"enabledad":{{{(enableDad ? "true" : "false")}}},
             "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"fd00:22::/64"}]]}}
            """;
        using var ours = TestNode.Ours();
        using var reference = TestNode.Reference();
        var outcomes = new List<(string Sysctls, bool SolicitedForItsAddresses)>();

        foreach (var node in (TestNode[])[reference, ours])
        {
            var container = node.AddContainer();
            var address = TestNode.FirstAddress(await node.AddAsync(node.WriteConfig("bridge.conf", json), container, "ctr1"));
            var sysctls = (await TestNode.ExecAsync(container, "sh", "-c", "cd /proc/sys/net/ipv6/conf/eth0 && echo accept_dad=$(cat accept_dad) enhanced_dad=$(cat enhanced_dad)")).Trim();
            await AddressSettled(container, address);
            // Duplicate address detection is a neighbour solicitation for the tentative address, and
            // nothing else in this container resolves a neighbour.
            var solicitations = await NeighbourSolicitationsSent(container);
            outcomes.Add((sysctls, solicitations > 0));
        }

        var (ourSysctls, ourSolicitations) = outcomes[1];
        Assert.Equal(enableDad ? "accept_dad=1 enhanced_dad=1" : "accept_dad=0 enhanced_dad=1", ourSysctls);
        Assert.Equal(enableDad, ourSolicitations);
        Assert.Equal(outcomes[0], outcomes[1]);
    }

    private static async Task<string> BridgeIPv4Addresses(TestNode node)
        => string.Join(' ', (await TestNode.ExecAsync(node.Name, "ip", "-4", "-br", "addr", "show", "dev", "cni0")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(2));

    /// <summary>Waits until the address has left the tentative state (DAD takes about a second) and checks it passed.</summary>
    private static async Task AddressSettled(string container, string address)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var line = (await TestNode.ExecAsync(container, "ip", "-6", "-o", "addr", "show", "dev", "eth0", "to", address)).Trim();
            Assert.NotEqual("", line);
            Assert.DoesNotContain("dadfailed", line, StringComparison.Ordinal);
            if (!line.Contains("tentative", StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"still tentative after {clock.Elapsed}: {line}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<long> NeighbourSolicitationsSent(string container)
    {
        var counters = await TestNode.ExecAsync(container, "cat", "/proc/net/dev_snmp6/eth0");
        var line = counters.Split('\n').Single(l => l.StartsWith("Icmp6OutNeighborSolicits", StringComparison.Ordinal));
        return long.Parse(line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
