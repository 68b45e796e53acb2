using System.Net;

namespace Cni.Ipam;

/// <summary>The answer of <see cref="IIpamAtomicReservation.TryReserveForOwnerAsync"/>.</summary>
/// <param name="Outcome">Whether the address was reserved, and if not, why.</param>
/// <param name="HeldAddress">
/// With <see cref="IpamReservationOutcome.OwnerHoldsAnother"/>, the address the owner holds in the range set
/// (named in the duplicate-allocation error); otherwise <see langword="null"/>.
/// </param>
public readonly record struct IpamReservation(IpamReservationOutcome Outcome, IPAddress? HeldAddress = null)
{
    /// <summary>The address was reserved.</summary>
    public static IpamReservation Reserved => new(IpamReservationOutcome.Reserved);

    /// <summary>Someone else holds the address.</summary>
    public static IpamReservation AddressTaken => new(IpamReservationOutcome.AddressTaken);

    /// <summary>The owner already holds <paramref name="address"/> in the range set.</summary>
    /// <param name="address">The address the owner holds.</param>
    /// <returns>The answer.</returns>
    public static IpamReservation OwnerHolds(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(IpamReservationOutcome.OwnerHoldsAnother, address);
    }
}
