using BenchmarkDotNet.Attributes;

namespace Cni.Ipam.Benchmarks;

/// <summary>
/// One ADD then one DEL for a new container (what a pod start and stop cost the IPAM), with 0 or 10,000
/// allocations already in the /16, on the file store (host-local's layout, fsync included) and the memory store;
/// and the file store's owner lookup alone (lock, index check, key scan; no write, no fsync).
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private BenchNetwork _file = null!;
    private BenchNetwork _memory = null!;
    private int _next;

    /// <summary>Allocations already present.</summary>
    [Params(0, 10_000)]
    public int Existing { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchNetwork(new IpamFileStore(), Existing);
        _memory = new BenchNetwork(new IpamMemoryStore(), Existing);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        _memory.Dispose();
    }

    [Benchmark(Description = "file store: ADD + DEL")]
    public async Task FileAddDelete()
    {
        var id = $"bench-{_next++}";
        await _file.Allocator.AddAsync(_file.Configuration, id, "eth0");
        await _file.Allocator.DeleteAsync(_file.Configuration, id, "eth0");
    }

    [Benchmark(Description = "file store: open + owner lookup")]
    public async Task FileLookup()
    {
        var session = await _file.Store.OpenAsync(_file.Configuration);
        await using (session)
        {
            await session.FindByOwnerAsync(new IpamOwner("nobody", "eth0"));
        }
    }

    [Benchmark(Description = "memory store: ADD + DEL")]
    public async Task MemoryAddDelete()
    {
        var id = $"bench-{_next++}";
        await _memory.Allocator.AddAsync(_memory.Configuration, id, "eth0");
        await _memory.Allocator.DeleteAsync(_memory.Configuration, id, "eth0");
    }
}
