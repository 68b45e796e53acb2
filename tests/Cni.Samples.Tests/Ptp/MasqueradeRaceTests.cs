using Cni.Samples.Tests.Bridge;

namespace Cni.Samples.Tests.Ptp;

/// <summary>
/// Two DELs of the same container at once (a runtime retrying a DEL that timed out, or a DEL racing
/// a GC): both list the container's masquerade rules, and whichever deletes second finds some
/// already gone. Before the removal listed again and retried, 12 to 15 of 15 such rounds failed
/// one DEL with "No such file or directory" (nftables) or "Chain ... does not exist" (iptables).
/// </summary>
public sealed class MasqueradeRaceTests
{
    private const int Rounds = 8;

    [Theory]
    [InlineData("bridge", "iptables")]
    [InlineData("bridge", "nftables")]
    [InlineData("ptp", "iptables")]
    [InlineData("ptp", "nftables")]
    public async Task Two_DELs_of_one_container_at_once_both_succeed_and_leave_no_rule(string plugin, string backend)
    {
        using var node = PtpPlugin.Node();
        var gateway = plugin == "bridge" ? "\"isGateway\":true," : "";
        var config = node.WriteConfig("race.conf", $$$"""
            {"cniVersion":"1.0.0","name":"cnit-race","type":"{{{plugin}}}",{{{gateway}}}"ipMasq":true,"ipMasqBackend":"{{{backend}}}",
             "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"10.34.0.0/24"}],[{"subnet":"fd00:34::/64"}]]}}
            """);
        for (var round = 0; round < Rounds; round++)
        {
            var container = node.AddContainer();
            var id = $"ctr{round}";
            await node.AddAsync(config, container, id);
            await node.DeleteContainerAsync(container);

            var dels = await Task.WhenAll(
                node.PluginAsync("DEL", config, container, id, plugin: plugin),
                node.PluginAsync("DEL", config, container, id, plugin: plugin));

            Assert.All(dels, del => Assert.True(del.ExitCode == 0, $"round {round}: {del.Stdout}{del.Stderr}"));
        }

        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat"), StringComparison.Ordinal);
        var nft = await TestNode.ExecAsync(node.Name, "nft", "list", "ruleset");
        Assert.DoesNotContain("masquerade comment", nft, StringComparison.Ordinal);
    }
}
