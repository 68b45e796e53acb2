namespace Cni.Ipam;

/// <summary>
/// Where allocations live. Every operation of a session is atomic on its own and shaped as a
/// compare-and-set, so a store on etcd v3 implements each with one transaction, and the allocator never
/// needs a read-then-write: reserve is create-if-absent, release compares the owner, the round-robin
/// cursor is one value per range set. See docs/ipam.md for the contract.
/// </summary>
public interface IIpamStore
{
    /// <summary>
    /// Opens a session on one network's allocations. A session serves one operation (ADD, DEL, CHECK, GC or
    /// STATUS) and is disposed at its end; a store may hold a lock for its lifetime (the file store holds host-local's
    /// flock), so keep it short.
    /// </summary>
    /// <param name="configuration">The network (its name, data directory, raw <c>ipam</c> object).</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The session.</returns>
    /// <exception cref="CniException">The store cannot be reached or opened.</exception>
    ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default);
}
