using System.Net;

namespace Cni.Ipam;

/// <summary>
/// The operations on one network's allocations (see <see cref="IIpamStore"/>). Each is atomic; none
/// needs the caller to read first.
/// </summary>
public interface IIpamStoreSession : IAsyncDisposable
{
    /// <summary>
    /// Reserves <paramref name="address"/> for <paramref name="owner"/> if nobody holds it (create-if-absent), and
    /// when it does, records it as the last reserved address of range set <paramref name="rangeSetIndex"/>.
    /// </summary>
    /// <param name="address">The address.</param>
    /// <param name="owner">The container and interface; never a legacy owner.</param>
    /// <param name="rangeSetIndex">The range set the address was chosen from (the round-robin cursor to move).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when reserved; <see langword="false"/> when the address was already held (by anyone).</returns>
    ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default);

    /// <summary>The last address reserved in range set <paramref name="rangeSetIndex"/>, or <see langword="null"/> when none was recorded.</summary>
    /// <param name="rangeSetIndex">The range set's index in the configuration.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The address, or <see langword="null"/>.</returns>
    ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default);

    /// <summary>
    /// The addresses whose record <see cref="IpamOwner.Matches"/> <paramref name="owner"/>: held by the same
    /// container and interface, or by the same container in a legacy record.
    /// </summary>
    /// <param name="owner">The container and interface.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The allocations found, possibly none.</returns>
    ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases <paramref name="allocation"/>'s address if it is still held by <paramref name="allocation"/>'s owner
    /// (compare-and-delete); a damaged record is released only if still damaged.
    /// </summary>
    /// <param name="allocation">An allocation as returned by <see cref="FindByOwnerAsync"/> or <see cref="ListAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when released; <see langword="false"/> when the address was free or held by someone else.</returns>
    ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default);

    /// <summary>Every allocation of the network with its owner, damaged records included (for GC).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The allocations, in no particular order.</returns>
    ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Every address held on the network, without owners (for STATUS's capacity check; cheaper than <see cref="ListAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The addresses, in no particular order.</returns>
    ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Fails with <see cref="CniErrorCode.PluginNotAvailable"/> (50) when the store could not record a new
    /// allocation now (for example an unwritable data directory). Exhausted ranges are the allocator's check.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store can write.</returns>
    ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default);
}
