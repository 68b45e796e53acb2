namespace Cni.Ipam.CustomStore.Tests;

/// <summary>
/// The same store with the optional capability hidden, as a store that does not implement
/// <see cref="IIpamAtomicReservation"/> looks to the allocator: its sessions expose <see cref="IIpamStoreSession"/> only.
/// </summary>
internal sealed class LookUpFirstStore(IIpamStore inner) : IIpamStore
{
    public async ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
        => new LookUpFirstSession(await inner.OpenAsync(configuration, cancellationToken).ConfigureAwait(false));
}
