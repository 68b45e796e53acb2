using System.Text;
using BenchmarkDotNet.Attributes;

namespace Cni.Benchmarks;

/// <summary>
/// What a chained plugin does first: read its stdin. The input is the bridge plugin's configuration from a
/// typical conflist, as libcni hands it over (name and cniVersion injected, with ipam and a prevResult).
/// </summary>
[MemoryDiagnoser]
public class ConfigParseBenchmarks
{
    /// <summary>The bridge plugin's stdin, also run through the whole host by <see cref="PluginHostBenchmarks"/>.</summary>
    internal const string BridgeStdinText = """
        {"cniVersion":"1.0.0","name":"k8s-pod-network","type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,
         "hairpinMode":true,"mtu":1450,
         "ipam":{"type":"host-local","ranges":[[{"subnet":"10.22.0.0/16","gateway":"10.22.0.1"}]],"routes":[{"dst":"0.0.0.0/0"}],"dataDir":"/var/lib/cni/networks"},
         "capabilities":{"portMappings":true,"ips":true},
         "runtimeConfig":{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]},
         "prevResult":{"cniVersion":"1.0.0","interfaces":[{"name":"cni0","mac":"0a:58:0a:16:00:01"},{"name":"veth1234","mac":"2a:11:22:33:44:55"},{"name":"eth0","mac":"0a:58:0a:16:00:05","sandbox":"/var/run/netns/cni-1234"}],
           "ips":[{"interface":2,"address":"10.22.0.5/16","gateway":"10.22.0.1"}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{}}}
        """;

    private static readonly byte[] BridgeStdin = Encoding.UTF8.GetBytes(BridgeStdinText);

    private static readonly byte[] BridgeList = Encoding.UTF8.GetBytes("""
        {"cniVersion":"1.0.0","cniVersions":["0.4.0","1.0.0","1.1.0"],"name":"k8s-pod-network","plugins":[
         {"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,"ipam":{"type":"host-local","ranges":[[{"subnet":"10.22.0.0/16"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
         {"type":"portmap","capabilities":{"portMappings":true},"snat":true},
         {"type":"bandwidth","capabilities":{"bandwidth":true}}]}
        """);

    [Benchmark(Baseline = true)]
    public BridgeBenchConfig PluginConfig() => NetworkConfig.Parse(BridgeStdin, BridgeBenchJson.Default.BridgeBenchConfig);

    // Until the reader was generated from the attributes (issue 14), this was the same keys read by hand with ConfigObject.
    [Benchmark]
    public BridgeBenchConfig PluginConfigGeneratedReader() => NetworkConfig.Parse(BridgeStdin, BridgeBenchConfig.Read);

    [Benchmark]
    public NetworkConfig StandardKeysOnly() => NetworkConfig.Parse(BridgeStdin);

    [Benchmark]
    public NetworkConfigList ConfigList() => NetworkConfigList.Parse(BridgeList);

    [Benchmark]
    public CniArgs KubernetesCniArgs() => CniArgs.Parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=0123456789abcdef;K8S_POD_UID=7f3c8a2e-11d4-4b7c-9a55-0123456789ab");
}
