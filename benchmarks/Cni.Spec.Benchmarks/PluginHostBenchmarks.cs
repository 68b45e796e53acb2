using BenchmarkDotNet.Attributes;

namespace Cni.Benchmarks;

/// <summary>
/// The host's whole part of a run, in process: the bridge configuration of <see cref="ConfigParseBenchmarks"/>
/// through validation, the plugin's reader, the standard keys, prevResult, the service container and a DEL
/// handler that does nothing. Stdin is parsed once per run (issue 14); before, three times.
/// </summary>
[MemoryDiagnoser]
public class PluginHostBenchmarks
{
    private static readonly Dictionary<string, string> Del = new()
    {
        ["CNI_COMMAND"] = "DEL",
        ["CNI_CONTAINERID"] = "bench-ctr",
        ["CNI_NETNS"] = "/var/run/netns/bench-does-not-exist",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
    };

    private readonly CniPlugin<BridgeBenchConfig> _plugin = Build();

    [Benchmark]
    public Task<CniPluginOutput> DelThroughTheHost() => _plugin.InvokeAsync(Del, ConfigParseBenchmarks.BridgeStdinText);

    private static CniPlugin<BridgeBenchConfig> Build()
    {
        var plugin = CniPlugin.CreateBuilder(BridgeBenchConfig.Read).Build();
        plugin.OnAdd((_, _) => Task.FromResult(new CniResult()));
        plugin.OnDel((_, _) => Task.CompletedTask);
        return plugin;
    }
}
