using System.Net;

namespace Cni.Ipam;

/// <summary>
/// An optional capability of a store session: a reservation that also refuses, in the same atomic
/// step, a second address in a range set for an owner that already holds one there. When a session
/// implements it, the allocator's ADD calls <see cref="TryReserveForOwnerAsync"/> instead of
/// <see cref="IIpamStoreSession.TryReserveAsync"/> and skips the <see cref="IIpamStoreSession.FindByOwnerAsync"/>
/// look-up it otherwise makes first, which saves a round trip to a remote store per ADD (and closes the
/// window between the look-up and the reservation). A store that cannot check both conditions in one
/// atomic step leaves it out: the allocator's look-up is then the check, as host-local's is under its lock.
/// See docs/ipam.md ("The store contract").
/// </summary>
public interface IIpamAtomicReservation : IIpamStoreSession
{
    /// <summary>
    /// Reserves <paramref name="address"/> for <paramref name="owner"/> (recording it as range set
    /// <paramref name="rangeSetIndex"/>'s last reserved address) only if nobody holds the address and
    /// <paramref name="owner"/> holds no address in that range set, both checked in one atomic step.
    /// A store that retries a call whose answer was lost may count the owner's own earlier reservation of
    /// this very address as reserved (the etcd store does).
    /// </summary>
    /// <param name="address">The address.</param>
    /// <param name="owner">The container and interface; never a legacy owner.</param>
    /// <param name="rangeSetIndex">The range set the address was chosen from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// <see cref="IpamReservationOutcome.Reserved"/>; <see cref="IpamReservationOutcome.AddressTaken"/> when
    /// someone holds the address (the allocator tries the next one); or
    /// <see cref="IpamReservationOutcome.OwnerHoldsAnother"/> with the address the owner holds (the allocator
    /// fails with host-local's duplicate-allocation error).
    /// </returns>
    ValueTask<IpamReservation> TryReserveForOwnerAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default);
}
