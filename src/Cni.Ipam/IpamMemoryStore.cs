using System.Collections.Concurrent;
using Cni.Ipam.Internal.MemoryStore;

namespace Cni.Ipam;

/// <summary>
/// A store in memory, for tests and for embedding (one process that owns the address space). Thread-safe:
/// each operation is atomic on its own, as on etcd, so it also checks that the allocator needs nothing more.
/// Networks are told apart by <see cref="IpamConfiguration.NetworkName"/>.
/// </summary>
public sealed class IpamMemoryStore : IIpamStore
{
    private readonly ConcurrentDictionary<string, MemoryNetwork> _networks = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IIpamStoreSession>(_networks.GetOrAdd(configuration.NetworkName, _ => new MemoryNetwork()));
    }
}
