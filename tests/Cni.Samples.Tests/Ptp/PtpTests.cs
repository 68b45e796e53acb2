using System.Text.Json;
using Cni.Samples.Tests.Bridge;

namespace Cni.Samples.Tests.Ptp;

/// <summary>
/// The published ptp plugin on a throwaway node, through the reference libcni: traffic between
/// the containers and the node, CHECK noticing a change, DEL when the container is gone or was
/// never added, 24 containers at once, a failed ADD leaving nothing, and spec 1.1.0's GC and STATUS.
/// </summary>
public sealed class PtpTests
{
    private const string Config = """
        {"cniVersion":"1.0.0","name":"cnit-ptp","type":"ptp","ipMasq":true,
         "ipam":{"type":"host-local","subnet":"10.33.0.0/16","dataDir":"DATADIR","routes":[{"dst":"0.0.0.0/0"}]}}
        """;

    [Fact]
    public async Task Two_containers_reach_each_other_and_the_gateway_through_the_node()
    {
        using var node = NewNode(out var config);
        var first = node.AddContainer();
        var second = node.AddContainer();
        var firstAddress = TestNode.FirstAddress(await node.AddAsync(config, first, "ctr1"));
        var secondAddress = TestNode.FirstAddress(await node.AddAsync(config, second, "ctr2"));
        Assert.NotEqual(firstAddress, secondAddress);

        await TestNode.ExecAsync(first, "ping", "-c", "1", "-W", "2", "10.33.0.1");
        await TestNode.ExecAsync(node.Name, "ping", "-c", "1", "-W", "2", secondAddress);
        await TestNode.ExecAsync(first, "ping", "-c", "1", "-W", "2", secondAddress);
        await TestNode.ExecAsync(second, "ping", "-c", "1", "-W", "2", firstAddress);

        await node.DelAsync(config, first, "ctr1");
        await node.DelAsync(config, second, "ctr2");
        await AssertNothingLeftAsync(node);
    }

    [Fact]
    public async Task Twenty_four_ADDs_in_parallel_get_distinct_addresses_and_DELs_leave_nothing()
    {
        using var node = NewNode(out var config);
        var containers = Enumerable.Range(0, 24).Select(_ => node.AddContainer()).ToArray();

        var results = await Task.WhenAll(containers.Select((c, i) => node.AddAsync(config, c, $"ctr{i}")));

        Assert.Equal(24, results.Select(TestNode.FirstAddress).Distinct().Count());
        var hostRoutes = await TestNode.ExecAsync(node.Name, "ip", "route", "show", "scope", "host");
        Assert.Equal(24, hostRoutes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(24, (await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat")).Split('\n').Count(l => l.StartsWith("-A POSTROUTING", StringComparison.Ordinal)));

        await Task.WhenAll(containers.Select((c, i) => node.DelAsync(config, c, $"ctr{i}")));

        await AssertNothingLeftAsync(node);
    }

    [Fact]
    public async Task DEL_after_the_container_namespace_is_gone_releases_everything()
    {
        using var node = NewNode(out var config);
        var container = node.AddContainer();
        await node.AddAsync(config, container, "ctr1");

        await node.DeleteContainerAsync(container);
        await node.DelAsync(config, container, "ctr1");
        await node.DelAsync(config, container, "ctr1");

        // The reference leaks the masquerade rules here: it finds them by the addresses on the
        // container's interface. Ours finds them by the container's chain.
        await AssertNothingLeftAsync(node);
    }

    [Fact]
    public async Task DEL_with_no_ADD_before_succeeds_and_makes_nothing()
    {
        using var node = NewNode(out var config);
        var container = node.AddContainer();

        await node.DelAsync(config, container, "ctr1");

        await AssertNothingLeftAsync(node);
        Assert.Equal("", await TestNode.ExecAsync(node.Name, "nft", "list", "tables"));
    }

    [Fact]
    public async Task CHECK_fails_once_the_container_address_is_removed()
    {
        using var node = NewNode(out var config);
        var container = node.AddContainer();
        await node.AddAsync(config, container, "ctr1");
        var check = await node.LibcniAsync("check", config, container, "ctr1");
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);

        await TestNode.ExecAsync(container, "ip", "addr", "flush", "dev", "eth0", "scope", "global");
        check = await node.LibcniAsync("check", config, container, "ctr1");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("Failed to match addr 10.33.0.2/16 on interface eth0", check.Stdout, StringComparison.Ordinal);
        await node.DelAsync(config, container, "ctr1");
    }

    [Fact]
    public async Task A_failed_ADD_undoes_the_veth_the_allocation_and_the_rules()
    {
        using var node = NewNode(out var config);
        var container = node.AddContainer();
        // A route the container already has: adding the point-to-point routes fails after the veth,
        // the addresses and the allocation were made.
        var clash = node.WriteConfig("clash.conf", Config.Replace("[{\"dst\":\"0.0.0.0/0\"}]", "[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"10.33.0.1/32\"}]", StringComparison.Ordinal));

        var add = await node.LibcniAsync("add", clash, container, "ctr1");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("failed to add route {Ifindex: 2 Dst: 10.33.0.1/32 Src: 10.33.0.2 Gw: <nil> Flags: [] Table: 0 Realm: 0}: file exists", add.Stdout.Replace("\\u003c", "<", StringComparison.Ordinal).Replace("\\u003e", ">", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", await TestNode.ExecAsync(container, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        await AssertNothingLeftAsync(node);
    }

    [Fact]
    public async Task Spec_1_1_0_ADD_then_GC_releases_addresses_and_rules_no_valid_attachment_holds_and_STATUS_succeeds()
    {
        using var node = NewNode(out _);
        var config = node.WriteConfig("ptp-1.1.conf", Config.Replace("1.0.0", "1.1.0", StringComparison.Ordinal));
        var first = node.AddContainer();
        var second = node.AddContainer();
        foreach (var (container, id) in new[] { (first, "ctr1"), (second, "ctr2") })
        {
            var add = await node.PluginAsync("ADD", config, container, id, plugin: "ptp");
            Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
            Assert.Contains("\"cniVersion\": \"1.1.0\"", add.Stdout, StringComparison.Ordinal);
        }

        var gcConfig = node.WriteConfig("gc.conf", Config.Replace("1.0.0", "1.1.0", StringComparison.Ordinal)
            .Replace("\"ipMasq\":true,", "\"ipMasq\":true,\"cni.dev/valid-attachments\":[{\"containerID\":\"ctr1\",\"ifname\":\"eth0\"}],", StringComparison.Ordinal));
        var gc = await node.PluginAsync("GC", gcConfig, plugin: "ptp");
        Assert.True(gc.ExitCode == 0, gc.Stdout + gc.Stderr);

        var allocations = node.AllocationFiles().Where(f => f.StartsWith("cnit-ptp/10.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["cnit-ptp/10.33.0.2: ctr1\neth0"], allocations.Select(a => a.Replace("\r", "", StringComparison.Ordinal)));
        var nat = await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat");
        Assert.Contains("id: \\\"ctr1\\\"", nat, StringComparison.Ordinal);
        Assert.DoesNotContain("id: \\\"ctr2\\\"", nat, StringComparison.Ordinal);

        var status = await node.PluginAsync("STATUS", config, plugin: "ptp");
        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
        Assert.Equal("", status.Stdout);
    }

    [Fact]
    public async Task An_unknown_masquerade_backend_is_refused_before_anything_is_made()
    {
        using var node = NewNode(out _);
        var config = node.WriteConfig("pf.conf", Config.Replace("\"ipMasq\":true", "\"ipMasq\":true,\"ipMasqBackend\":\"pf\"", StringComparison.Ordinal));

        var add = await node.LibcniAsync("add", config, node.AddContainer(), "ctr1");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("\"code\":7,", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("unknown ipmasq backend \\\"pf\\\"", add.Stdout, StringComparison.Ordinal);
        await AssertNothingLeftAsync(node);
    }

    internal static async Task AssertNothingLeftAsync(TestNode node)
    {
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.Equal("", await TestNode.ExecAsync(node.Name, "ip", "route", "show"));
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "ip6tables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade comment", await TestNode.ExecAsync(node.Name, "nft", "list", "ruleset"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-ptp/10.", StringComparison.Ordinal) || f.StartsWith("cnit-ptp/fd", StringComparison.Ordinal));
    }

    private static TestNode NewNode(out string config)
    {
        var node = PtpPlugin.Node();
        config = node.WriteConfig("ptp.conf", Config);
        return node;
    }

}
