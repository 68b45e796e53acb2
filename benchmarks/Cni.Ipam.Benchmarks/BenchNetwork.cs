using System.Text;
using Cni;
using Cni.Ipam;

namespace Cni.Ipam.Benchmarks;

/// <summary>A /16 network in a temporary data directory, filled with a number of allocations.</summary>
internal sealed class BenchNetwork : IDisposable
{
    public BenchNetwork(IIpamStore store, int existing)
    {
        Configuration = IpamConfiguration.Load(
            NetworkConfig.Parse(Encoding.UTF8.GetBytes($$$"""{"cniVersion":"1.0.0","name":"bench","type":"bridge","ipam":{"type":"host-local","dataDir":"{{{DataDir}}}","subnet":"10.20.0.0/16"}}""")),
            CniArgs.Empty);
        Store = store;
        Allocator = new IpamAllocator(store);
        for (var i = 0; i < existing; i++)
        {
            Allocator.AddAsync(Configuration, $"{i:x64}", "eth0").GetAwaiter().GetResult();
        }
    }

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "cnit-ipam-bench-" + Guid.NewGuid().ToString("N"));

    public IpamConfiguration Configuration { get; }

    public IIpamStore Store { get; }

    public IpamAllocator Allocator { get; }

    public void Dispose()
    {
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
