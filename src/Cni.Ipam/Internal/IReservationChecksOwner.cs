namespace Cni.Ipam.Internal;

/// <summary>
/// A store session whose <see cref="IIpamStoreSession.TryReserveAsync"/> itself refuses, atomically, a
/// second address in a range set for an owner that already holds one there (throwing the allocator's
/// duplicate-allocation error), so that ADD need not look the owner up first.
/// </summary>
internal interface IReservationChecksOwner;
