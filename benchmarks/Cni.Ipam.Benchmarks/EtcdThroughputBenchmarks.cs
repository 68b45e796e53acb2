using System.Text;
using BenchmarkDotNet.Attributes;
using Cni.Ipam.Etcd;
using Cni.Testing;

namespace Cni.Ipam.Benchmarks;

/// <summary>
/// Allocations per second through the etcd store: 16 allocators at once, each with its own store
/// (its own connection, as 16 plugin processes on 16 nodes would have), each taking 50 addresses from
/// one /16 on a single-member etcd (Debian's etcd-server) started here on loopback. A fresh prefix per
/// iteration keeps every iteration's starting state the same. Reported time is per allocation:
/// allocations per second = 1 s / Mean. Needs /usr/bin/etcd.
/// </summary>
[MemoryDiagnoser]
public class EtcdThroughputBenchmarks
{
    private const int Allocators = 16;
    private const int AllocationsEach = 50;

    private EtcdCluster _etcd = null!;
    private IpamConfiguration _config = null!;

    [GlobalSetup]
    public void StartEtcd() => _etcd = EtcdCluster.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void StopEtcd() => _etcd.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void FreshPrefix()
    {
        var json = $$"""
            {"cniVersion":"1.1.0","name":"bench","type":"etcd-ipam",
             "ipam":{"type":"etcd-ipam","subnet":"10.30.0.0/16",
                     "etcd":{"endpoints":["{{_etcd.ClientUrls[0]}}"],"prefix":"/bench/{{Guid.NewGuid():N}}"} } }
            """;
        _config = IpamConfiguration.Load(NetworkConfig.Parse(Encoding.UTF8.GetBytes(json)), CniArgs.Empty);
    }

    [Benchmark(OperationsPerInvoke = Allocators * AllocationsEach)]
    public Task SixteenConcurrentAllocators() => Task.WhenAll(Enumerable.Range(0, Allocators).Select(allocator => Task.Run(async () =>
    {
        using var store = new IpamEtcdStore();
        var allocations = new IpamAllocator(store);
        for (var i = 0; i < AllocationsEach; i++)
        {
            await allocations.AddAsync(_config, $"a{allocator}-c{i}", "eth0");
        }
    })));
}
