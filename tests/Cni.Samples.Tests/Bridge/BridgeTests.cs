using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// The published bridge plugin on a throwaway node, through the reference libcni: traffic
/// between containers, DEL when the container is already gone, CHECK noticing a change, and
/// an ADD that fails half way leaving nothing behind.
/// </summary>
public sealed class BridgeTests
{
    private const string Config = """
        {"cniVersion":"1.0.0","name":"cnit-net","type":"bridge","bridge":"cni0","isDefaultGateway":true,"ipMasq":true,"macspoofchk":true,
         "ipam":{"type":"host-local","subnet":"10.22.0.0/16","dataDir":"DATADIR"}}
        """;

    [Fact]
    public async Task Two_containers_on_one_bridge_reach_each_other_and_the_gateway()
    {
        using var node = NewNode(out var config);
        var first = node.AddContainer();
        var second = node.AddContainer();
        var firstAdd = await node.AddAsync(config, first, "ctr1");
        var secondAdd = await node.AddAsync(config, second, "ctr2");
        var secondAddress = TestNode.FirstAddress(secondAdd);
        Assert.NotEqual(TestNode.FirstAddress(firstAdd), secondAddress);

        await TestNode.ExecAsync(first, "ping", "-c", "1", "-W", "2", secondAddress);
        await TestNode.ExecAsync(second, "ping", "-c", "1", "-W", "2", "10.22.0.1");

        await node.DelAsync(config, first, "ctr1");
        await node.DelAsync(config, second, "ctr2");
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_four_ADDs_in_parallel_get_distinct_addresses_and_DELs_leave_nothing()
    {
        using var node = NewNode(out var config);
        var containers = Enumerable.Range(0, 24).Select(_ => node.AddContainer()).ToArray();

        var results = await Task.WhenAll(containers.Select((c, i) => node.AddAsync(config, c, $"ctr{i}")));

        Assert.Equal(24, results.Select(TestNode.FirstAddress).Distinct().Count());
        var ports = await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show", "master", "cni0");
        Assert.Equal(24, ports.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await Task.WhenAll(containers.Select((c, i) => node.DelAsync(config, c, $"ctr{i}")));

        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-net/10.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DEL_after_the_container_namespace_is_gone_releases_everything()
    {
        using var node = NewNode(out var config);
        var container = node.AddContainer();
        await node.AddAsync(config, container, "ctr1");
        Assert.Contains("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);

        await node.DeleteContainerAsync(container);
        await node.DelAsync(config, container, "ctr1");
        await node.DelAsync(config, container, "ctr1");

        // The reference leaks the masquerade and spoof-check rules here; ours finds them by the
        // container's chain and comment.
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("macspoofchk", await TestNode.ExecAsync(node.Name, "nft", "list", "ruleset"), StringComparison.Ordinal);
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-net/10.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DEL_with_no_ADD_before_succeeds_and_makes_nothing()
    {
        using var node = NewNode(out var config);
        var container = node.AddContainer();

        await node.DelAsync(config, container, "ctr1");

        Assert.DoesNotContain("cni0", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
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
        Assert.Contains("Failed to match addr 10.22.0.2/16 on interface eth0", check.Stdout, StringComparison.Ordinal);
        await node.DelAsync(config, container, "ctr1");
    }

    [Fact]
    public async Task A_failed_ADD_undoes_the_veth_the_allocation_and_the_rules()
    {
        using var node = NewNode(out var config);
        await TestNode.ExecAsync(node.Name, "ip", "link", "add", "cni0", "type", "bridge");
        await TestNode.ExecAsync(node.Name, "ip", "addr", "add", "10.99.0.1/24", "dev", "cni0");
        var container = node.AddContainer();

        var add = await node.LibcniAsync("add", config, container, "ctr1");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("failed to set bridge addr: \\\"cni0\\\" already has an IP address different from 10.22.0.1/16", add.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", await TestNode.ExecAsync(container, "ip", "-o", "link", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.AllocationFiles(), f => f.StartsWith("cnit-net/10.", StringComparison.Ordinal));
        Assert.DoesNotContain("CNI-", await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat"), StringComparison.Ordinal);
        Assert.DoesNotContain("macspoofchk", await TestNode.ExecAsync(node.Name, "nft", "list", "ruleset"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spec_1_1_0_ADD_then_GC_releases_addresses_and_rules_no_valid_attachment_holds_and_STATUS_succeeds()
    {
        using var node = NewNode(out _);
        var config = node.WriteConfig("bridge-1.1.conf", Config.Replace("1.0.0", "1.1.0", StringComparison.Ordinal));
        var first = node.AddContainer();
        var second = node.AddContainer();
        var add = await node.PluginAsync("ADD", config, first, "ctr1");
        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        Assert.Contains("\"cniVersion\": \"1.1.0\"", add.Stdout, StringComparison.Ordinal);
        add = await node.PluginAsync("ADD", config, second, "ctr2");
        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);

        var gcConfig = node.WriteConfig("gc.conf", Config.Replace("1.0.0", "1.1.0", StringComparison.Ordinal)
            .Replace("\"ipMasq\":true,", "\"ipMasq\":true,\"cni.dev/valid-attachments\":[{\"containerID\":\"ctr1\",\"ifname\":\"eth0\"}],", StringComparison.Ordinal));
        var gc = await node.PluginAsync("GC", gcConfig);
        Assert.True(gc.ExitCode == 0, gc.Stdout + gc.Stderr);
        var allocations = node.AllocationFiles().Where(f => f.StartsWith("cnit-net/10.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["cnit-net/10.22.0.2: ctr1\neth0"], allocations.Select(a => a.Replace("\r", "", StringComparison.Ordinal)));
        var nat = await TestNode.ExecAsync(node.Name, "iptables-save", "-t", "nat");
        Assert.Contains("id: \\\"ctr1\\\"", nat, StringComparison.Ordinal);
        Assert.DoesNotContain("id: \\\"ctr2\\\"", nat, StringComparison.Ordinal);

        var status = await node.PluginAsync("STATUS", config);
        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
        Assert.Equal("", status.Stdout);
    }

    [Fact]
    public async Task Newer_keys_portIsolation_and_disableContainerInterface_work_as_in_newer_reference_versions()
    {
        using var node = NewNode(out _);
        var isolated = node.WriteConfig("isolated.conf", Config.Replace("\"ipMasq\":true", "\"portIsolation\":true", StringComparison.Ordinal));
        var first = node.AddContainer();
        await node.AddAsync(isolated, first, "ctr1");
        Assert.Contains("isolated on", await TestNode.ExecAsync(node.Name, "bridge", "-d", "link", "show"), StringComparison.Ordinal);

        var disabled = node.WriteConfig("disabled.conf", """{"cniVersion":"1.0.0","name":"cnit-l2","type":"bridge","disableContainerInterface":true}""");
        var second = node.AddContainer();
        await node.AddAsync(disabled, second, "ctr2");
        Assert.DoesNotContain(",UP", await TestNode.ExecAsync(second, "ip", "-o", "link", "show", "eth0"), StringComparison.Ordinal);

        var withIpam = node.WriteConfig("disabled-ipam.conf", Config.Replace("\"ipMasq\":true", "\"disableContainerInterface\":true", StringComparison.Ordinal));
        var add = await node.LibcniAsync("add", withIpam, node.AddContainer(), "ctr3");
        Assert.Equal(1, add.ExitCode);
        Assert.Contains("cannot use IPAM when DisableContainerInterface flag is set", add.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_IPAM_plugin_other_than_host_local_is_executed_and_its_addresses_used()
    {
        using var node = NewNode(out _);
        var config = node.WriteConfig("static.conf", """
            {"cniVersion":"1.0.0","name":"cnit-static","type":"bridge","isGateway":true,
             "ipam":{"type":"static","addresses":[{"address":"10.77.0.5/24"}]}}
            """);
        var container = node.AddContainer();

        var add = await node.LibcniAsync("add", config, container, "ctr1");

        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        Assert.Contains("\"address\": \"10.77.0.5/24\"", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("inet 10.77.0.5/24", await TestNode.ExecAsync(container, "ip", "-o", "addr", "show", "eth0"), StringComparison.Ordinal);
        Assert.Contains("inet 10.77.0.1/24", await TestNode.ExecAsync(node.Name, "ip", "-o", "addr", "show", "cni0"), StringComparison.Ordinal);
        await node.DelAsync(config, container, "ctr1");
        Assert.DoesNotContain("veth", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true, "02:00:00:00:00:0c")]
    [InlineData(false, true, "02:00:00:00:00:0b")]
    [InlineData(false, false, "02:00:00:00:00:0a")]
    public async Task The_container_MAC_comes_from_runtimeConfig_then_args_then_CNI_ARGS(bool runtimeConfig, bool args, string expected)
    {
        using var node = NewNode(out _);
        var config = node.WriteConfig("mac.conf", $$"""
            {"cniVersion":"1.0.0","name":"cnit-l2","type":"bridge","capabilities":{"mac":true}{{(args ? ",\"args\":{\"cni\":{\"mac\":\"02:00:00:00:00:0b\"}}" : "")}}}
            """);
        var container = node.AddContainer();

        var add = await node.LibcniAsync("add", config, container, "ctr1", args: "IgnoreUnknown=1;MAC=02:00:00:00:00:0a", capabilities: runtimeConfig ? """{"mac":"02:00:00:00:00:0c"}""" : "");

        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        Assert.Contains("link/ether " + expected, await TestNode.ExecAsync(container, "ip", "-o", "link", "show", "eth0"), StringComparison.Ordinal);
        Assert.Contains($"\"mac\": \"{expected}\"", add.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"ipMasqBackend\":\"pf\"", "unknown ipmasq backend \\\"pf\\\"")]
    public async Task An_unknown_masquerade_backend_is_refused_before_anything_is_made(string key, string message)
    {
        using var node = NewNode(out _);
        var config = node.WriteConfig("refused.conf", Config.Replace("\"ipMasq\":true", "\"ipMasq\":true," + key, StringComparison.Ordinal));

        var add = await node.LibcniAsync("add", config, node.AddContainer(), "ctr1");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains(message, add.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cni0", await TestNode.ExecAsync(node.Name, "ip", "-o", "link", "show"), StringComparison.Ordinal);
    }

    private static TestNode NewNode(out string config)
    {
        _ = LibcniDriver.Path;
        _ = BridgePlugin.Path;
        var node = TestNode.Ours();
        config = node.WriteConfig("bridge.conf", Config);
        return node;
    }

}
