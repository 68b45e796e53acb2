using System.Net;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>An <see cref="ObservedStoreSession"/> around a session that reserves with the owner check (<see cref="IIpamAtomicReservation"/>), which it keeps.</summary>
internal sealed class ObservedAtomicStoreSession(IIpamAtomicReservation inner, string store, ILogger logger) : ObservedStoreSession(inner, store, logger), IIpamAtomicReservation
{
    private const string OwnerHoldsAnother = "owner_holds_another";

    public ValueTask<IpamReservation> TryReserveForOwnerAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
        => ObserveAsync(
            "reserve",
            address,
            rangeSetIndex,
            () => inner.TryReserveForOwnerAsync(address, owner, rangeSetIndex, cancellationToken),
            reservation => reservation.Outcome switch
            {
                IpamReservationOutcome.Reserved => Reserved,
                IpamReservationOutcome.OwnerHoldsAnother => OwnerHoldsAnother,
                _ => Taken,
            });
}
