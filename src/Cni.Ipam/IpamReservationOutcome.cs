namespace Cni.Ipam;

/// <summary>What <see cref="IIpamAtomicReservation.TryReserveForOwnerAsync"/> did.</summary>
public enum IpamReservationOutcome
{
    /// <summary>
    /// Someone else holds the address; nothing was written. The default value, so an answer left unset
    /// never counts as a reservation.
    /// </summary>
    AddressTaken,

    /// <summary>The address is now held by the owner.</summary>
    Reserved,

    /// <summary>The owner already holds another address in the range set; nothing was written.</summary>
    OwnerHoldsAnother,
}
