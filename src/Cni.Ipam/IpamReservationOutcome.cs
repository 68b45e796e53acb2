namespace Cni.Ipam;

/// <summary>What <see cref="IIpamAtomicReservation.TryReserveForOwnerAsync"/> did.</summary>
public enum IpamReservationOutcome
{
    /// <summary>The address is now held by the owner.</summary>
    Reserved,

    /// <summary>Someone else holds the address; nothing was written.</summary>
    AddressTaken,

    /// <summary>The owner already holds another address in the range set; nothing was written.</summary>
    OwnerHoldsAnother,
}
