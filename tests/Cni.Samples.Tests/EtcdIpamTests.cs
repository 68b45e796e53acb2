using System.Reflection;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>The published etcd-ipam plugin against real etcd servers the tests start on loopback.</summary>
public sealed class EtcdIpamTests
{
    private static string Plugin => Requires.Executable(Path.GetFullPath(Path.Combine(
        typeof(EtcdIpamTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginsDirectory").Value!,
        "etcd-ipam")));

    private static string Config(IEnumerable<Uri> endpoints, string subnet, string timeout = "5s")
    {
        var urls = string.Join(',', endpoints.Select(u => $"\"{u}\""));
        var etcd = $"{{\"endpoints\":[{urls}],\"prefix\":\"/cnit/{Guid.NewGuid():N}\",\"timeout\":\"{timeout}\"}}";
        return $$"""
            {"cniVersion":"1.1.0","name":"cnit-etcd","type":"etcd-ipam",
             "ipam":{"type":"etcd-ipam","subnet":"{{subnet}}","etcd":{{etcd}} } }
            """;
    }

    [Fact]
    public async Task ADD_CHECK_DEL_through_the_binary()
    {
        var plugin = Plugin;
        await using var etcd = await EtcdCluster.StartAsync();
        var config = Config(etcd.ClientUrls, "10.23.0.0/24");

        var result = await HostLocalPlugin.AddAsync(plugin, config, "cnit-ctr");
        var check = await HostLocalPlugin.RunAsync(plugin, "CHECK", config, "cnit-ctr");
        await HostLocalPlugin.DelAsync(plugin, config, "cnit-ctr");
        await HostLocalPlugin.DelAsync(plugin, config, "cnit-ctr");
        var checkAfterDel = await HostLocalPlugin.RunAsync(plugin, "CHECK", config, "cnit-ctr");

        Assert.Equal("10.23.0.2/24", Assert.Single(result.IPs).Address.ToString());
        Assert.Equal(new CniPluginOutput("", "", 0), check);
        Assert.Equal(1, checkAfterDel.ExitCode);
    }

    [Fact]
    public async Task Sixteen_processes_allocating_fifty_each_get_eight_hundred_distinct_addresses()
    {
        var plugin = Plugin;
        await using var etcd = await EtcdCluster.StartAsync();
        var config = Config(etcd.ClientUrls, "10.23.0.0/16");

        var perWorker = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                var result = await HostLocalPlugin.AddAsync(plugin, config, $"cnit-w{worker}-c{i}");
                mine.Add(Assert.Single(result.IPs).Address.Address.ToString());
            }

            return mine;
        })));

        var all = perWorker.SelectMany(a => a).ToList();
        Assert.Equal(800, all.Count);
        Assert.Equal(800, all.Distinct().Count());
    }

    [Fact]
    public async Task Unreachable_etcd_is_code_11_on_stdout_and_exit_status_1()
    {
        var plugin = Plugin;
        var output = await HostLocalPlugin.RunAsync(plugin, "ADD", Config([new Uri($"http://127.0.0.1:{LoopbackPorts.Take()}")], "10.23.0.0/24", timeout: "1s"), "cnit-ctr");

        Assert.Equal(1, output.ExitCode);
        using var error = JsonDocument.Parse(output.Stdout);
        Assert.Equal(11, error.RootElement.GetProperty("code").GetInt32());
        Assert.StartsWith("etcd: no endpoint answered within 1s", error.RootElement.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }
}
