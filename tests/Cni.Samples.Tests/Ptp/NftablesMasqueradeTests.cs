using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cni.Samples.Tests.Bridge;

namespace Cni.Samples.Tests.Ptp;

/// <summary>
/// <c>ipMasqBackend: "nftables"</c> in both plugins. Debian's reference plugins (1.1.1) have no
/// nftables backend, so the rules are compared with the layout the reference 1.5+ documents and
/// makes (table inet cni_plugins_masquerade, chains postrouting and masq_checks, one rule per
/// address commented with the hashes of the network and of ifname:containerID), read back from
/// the kernel with nft.
/// </summary>
public sealed class NftablesMasqueradeTests
{
    private const string Ipam = """
        "ipam":{"type":"host-local","dataDir":"DATADIR","ranges":[[{"subnet":"10.33.0.0/24"}],[{"subnet":"fd00:33::/64"}]]}
        """;

    private static readonly Dictionary<string, string> Configs = new()
    {
        ["bridge"] = $$"""{"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","isGateway":true,"ipMasq":true,"ipMasqBackend":"nftables",{{Ipam}}}""",
        ["ptp"] = $$"""{"cniVersion":"1.0.0","name":"cnit-net","type":"ptp","ipMasq":true,"ipMasqBackend":"nftables",{{Ipam}}}""",
    };

    [Theory]
    [InlineData("bridge")]
    [InlineData("ptp")]
    public async Task ADD_makes_the_reference_layout_and_DEL_removes_each_container_rules_even_without_its_namespace(string plugin)
    {
        using var node = PtpPlugin.Node();
        var config = node.WriteConfig(plugin + ".conf", Configs[plugin]);
        var first = node.AddContainer();
        var second = node.AddContainer();
        var firstAddresses = Addresses(await node.AddAsync(config, first, "ctr1"));
        var secondAddresses = Addresses(await node.AddAsync(config, second, "ctr2"));

        Assert.Equal(Layout([.. Rules("ctr1", firstAddresses), .. Rules("ctr2", secondAddresses)]), await TableAsync(node));
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);

        await node.DelAsync(config, first, "ctr1");
        Assert.Equal(Layout(Rules("ctr2", secondAddresses)), await TableAsync(node));

        await node.DeleteContainerAsync(second);
        await node.DelAsync(config, second, "ctr2");
        await node.DelAsync(config, second, "ctr2");

        // The table and its chains stay, empty, as the reference leaves them.
        Assert.Equal(Layout([]), await TableAsync(node));
    }

    [Theory]
    [InlineData("bridge")]
    [InlineData("ptp")]
    public async Task GC_removes_the_rules_of_attachments_that_are_not_valid(string plugin)
    {
        using var node = PtpPlugin.Node();
        var json = Configs[plugin].Replace("1.0.0", "1.1.0", StringComparison.Ordinal);
        var config = node.WriteConfig(plugin + ".conf", json);
        var addresses = new Dictionary<string, string[]>();
        foreach (var id in (string[])["ctr1", "ctr2"])
        {
            var add = await node.PluginAsync("ADD", config, node.AddContainer(), id, plugin: plugin);
            Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
            addresses[id] = Addresses(add.Stdout);
        }

        var gcConfig = node.WriteConfig("gc.conf", json.Replace("\"ipMasq\":true,", "\"ipMasq\":true,\"cni.dev/valid-attachments\":[{\"containerID\":\"ctr1\",\"ifname\":\"eth0\"}],", StringComparison.Ordinal));
        var gc = await node.PluginAsync("GC", gcConfig, plugin: plugin);

        Assert.True(gc.ExitCode == 0, gc.Stdout + gc.Stderr);
        Assert.Equal(Layout(Rules("ctr1", addresses["ctr1"])), await TableAsync(node));
    }

    [Theory]
    [InlineData("bridge")]
    [InlineData("ptp")]
    public async Task DEL_removes_the_rules_of_either_backend_whatever_the_configuration_names(string plugin)
    {
        using var node = PtpPlugin.Node();
        var nftables = node.WriteConfig("nftables.conf", Configs[plugin]);
        var iptables = node.WriteConfig("iptables.conf", Configs[plugin].Replace(",\"ipMasqBackend\":\"nftables\"", "", StringComparison.Ordinal));
        var container = node.AddContainer();
        await node.AddAsync(iptables, container, "ctr1");
        Assert.Contains("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);

        await node.DelAsync(nftables, container, "ctr1");

        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat"), StringComparison.Ordinal);
    }

    private static Task<string> TableAsync(TestNode node) => TestNode.ExecAsync(node.Name, "nft", "list", "table", "inet", "cni_plugins_masquerade");

    // The table as `nft list table` prints it, with these masq_checks rules.
    private static string Layout(IEnumerable<string> rules)
        => $$"""
            table inet cni_plugins_masquerade {
            	comment "Masquerading for plugins from github.com/containernetworking/plugins"
            	chain masq_checks {
            		comment "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet"
            {{string.Concat(rules.Select(r => "\t\t" + r + "\n"))}}	}

            	chain postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		ip daddr 224.0.0.0/4 return
            		ip6 daddr ff00::/8 return
            		goto masq_checks
            	}
            }

            """;

    // One rule per address: from it, to anywhere outside its subnet, masquerade; the comment is
    // SHA-512(network)[..16] "-" SHA-512(ifname:containerID)[..16], then the names.
    private static IEnumerable<string> Rules(string containerId, string[] addresses)
    {
        var comment = $"{Hash("cnit-net")}-{Hash("eth0:" + containerId)}, net: cnit-net, if: eth0, id: {containerId}";
        return addresses.Select(a => a.Contains(':', StringComparison.Ordinal)
            ? $"ip6 saddr {a[..a.IndexOf('/', StringComparison.Ordinal)]} ip6 daddr != fd00:33::/64 masquerade comment \"{comment}\""
            : $"ip saddr {a[..a.IndexOf('/', StringComparison.Ordinal)]} ip daddr != 10.33.0.0/24 masquerade comment \"{comment}\"");
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private static string[] Addresses(string result)
    {
        using var json = JsonDocument.Parse(result);
        return [.. json.RootElement.GetProperty("ips").EnumerateArray().Select(ip => ip.GetProperty("address").GetString()!)];
    }
}
