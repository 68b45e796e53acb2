using System.Net;

namespace Cni.Ipam.CustomStore.Tests;

/// <summary>A session that passes every <see cref="IIpamStoreSession"/> call through and nothing else.</summary>
internal sealed class LookUpFirstSession(IIpamStoreSession inner) : IIpamStoreSession
{
    public ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
        => inner.TryReserveAsync(address, owner, rangeSetIndex, cancellationToken);

    public ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
        => inner.GetLastReservedAsync(rangeSetIndex, cancellationToken);

    public ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
        => inner.FindByOwnerAsync(owner, cancellationToken);

    public ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
        => inner.ReleaseAsync(allocation, cancellationToken);

    public ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
        => inner.ListAsync(cancellationToken);

    public ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default)
        => inner.ListAddressesAsync(cancellationToken);

    public ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
        => inner.EnsureWritableAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
