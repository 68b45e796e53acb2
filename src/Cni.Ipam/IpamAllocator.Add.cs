using Cni.Ipam.Internal;
using Cni.Ipam.Internal.Config;
using Cni.Ipam.Internal.Diagnostics;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam;

public sealed partial class IpamAllocator
{
    /// <summary>
    /// Allocates one address per range set for (<paramref name="containerId"/>, <paramref name="ifName"/>):
    /// a requested address when one falls in the set, otherwise the next free one after the set's last
    /// reserved address (round-robin, wrapping, never the gateway). When a set fails, what was already
    /// reserved is released. The result holds the addresses (with their gateways), the routes and the DNS
    /// settings of <see cref="IpamConfiguration.ResolvConf"/>.
    /// </summary>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="containerId">CNI_CONTAINERID.</param>
    /// <param name="ifName">CNI_IFNAME.</param>
    /// <param name="cancellationToken">Cancels the allocation (what was reserved is released).</param>
    /// <returns>The result, with no interfaces (an IPAM plugin creates none).</returns>
    /// <exception cref="CniException">
    /// The reference's message: <c>failed to allocate for range N: …</c> (duplicate allocation, requested address
    /// taken or the gateway, no address left) or <c>failed to allocate all requested IPs: …</c>.
    /// </exception>
    public async Task<CniResult> AddAsync(IpamConfiguration configuration, string containerId, string ifName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(ifName);
        var telemetry = OperationTelemetry.Start("ADD", configuration, StoreKind, containerId, ifName);
        try
        {
            var result = await AllocateAllAsync(configuration, containerId, ifName, telemetry, cancellationToken).ConfigureAwait(false);
            telemetry.Allocated(result.IPs);
            // By index: enumerating the IList would allocate an enumerator even when nothing is logged.
            for (var i = 0; i < result.IPs.Count; i++)
            {
                IpamLog.Allocated(_logger, result.IPs[i].Address, containerId, ifName, configuration.NetworkName);
            }

            telemetry.Stop(null);
            return result;
        }
        catch (Exception e)
        {
            telemetry.Stop(e);
            throw;
        }
    }

    // A ValueTask: an allocation that completes synchronously (the file and memory stores) allocates no second task.
    private async ValueTask<CniResult> AllocateAllAsync(IpamConfiguration configuration, string containerId, string ifName, OperationTelemetry telemetry, CancellationToken cancellationToken)
    {
        var result = new CniResult();
        if (configuration.ResolvConf is not null)
        {
            result.Dns = ResolvConfReader.Read(configuration.ResolvConf);
        }

        var owner = new IpamOwner(containerId.Trim(), ifName);
        // The same address asked for twice (CNI_ARGS and runtimeConfig, say) is one request, as in the reference.
        var requested = configuration.RequestedAddresses.Select(IPValue.From).Distinct().ToList();
        var session = await OpenAsync(configuration, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var taken = new List<IpamAllocation>(configuration.RangeSets.Count);
            try
            {
                IReadOnlyList<IpamAllocation>? held = null;
                for (var index = 0; index < configuration.RangeSets.Count; index++)
                {
                    var set = configuration.RangeSets[index];
                    var wanted = requested.FindIndex(address => set.RangeFor(address) is not null);
                    IPValue? address = null;
                    if (wanted >= 0)
                    {
                        address = requested[wanted];
                        requested.RemoveAt(wanted);
                    }
                    else
                    {
                        // A store that refuses a second address for the owner inside the reservation itself
                        // needs no lookup first (and saves a round trip to its server).
                        held ??= session is IIpamAtomicReservation
                            ? []
                            : await session.FindByOwnerAsync(owner, cancellationToken).ConfigureAwait(false);
                    }

                    var ip = await AllocateAsync(session, set, index, owner, containerId, address, held ?? [], telemetry, cancellationToken).ConfigureAwait(false);
                    taken.Add(new IpamAllocation(ip.Address.Address, owner));
                    result.IPs.Add(ip);
                }

                if (requested.Count > 0)
                {
                    ThrowHelper.ThrowIpam($"failed to allocate all requested IPs: {string.Join(' ', requested)}");
                }
            }
            catch (Exception e)
            {
                await RollBackAsync(session, taken, configuration.NetworkName, telemetry, e).ConfigureAwait(false);
                throw;
            }
        }

        foreach (var route in configuration.Routes)
        {
            result.Routes.Add(new CniRoute { Destination = route.Destination, Gateway = route.Gateway });
        }

        return result;
    }

    private static async Task<CniIPConfig> AllocateAsync(
        IIpamStoreSession session,
        IpamRangeSet set,
        int index,
        IpamOwner owner,
        string containerId,
        IPValue? requested,
        IReadOnlyList<IpamAllocation> held,
        OperationTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        if (requested is { } wanted)
        {
            var range = set.RangeFor(wanted)!;
            if (wanted == range.GatewayValue)
            {
                throw RangeError(index, $"requested ip {wanted} is subnet's gateway");
            }

            if (!await ReserveAsync(session, wanted, owner, index, containerId, cancellationToken).ConfigureAwait(false))
            {
                throw RangeError(index, $"requested IP address {wanted} is not available in range set {set}");
            }

            return Config(wanted, range);
        }

        // A second address for the same attachment in one set is refused, as the spec requires.
        foreach (var allocation in held)
        {
            if (set.Contains(allocation.Address))
            {
                throw DuplicateAllocation(index, allocation.Address, containerId);
            }
        }

        var last = await session.GetLastReservedAsync(index, cancellationToken).ConfigureAwait(false);
        foreach (var (candidate, range) in RangeCursor.Candidates(set, last is null ? null : IPValue.From(last)))
        {
            if (await ReserveAsync(session, candidate, owner, index, containerId, cancellationToken).ConfigureAwait(false))
            {
                return Config(candidate, range);
            }
        }

        telemetry.Exhausted();
        throw RangeError(index, $"no IP addresses available in range set: {set}");
    }

    /// <summary>Releases what a failed ADD had reserved, and says so: which address, for whom, and why.</summary>
    private async Task RollBackAsync(IIpamStoreSession session, List<IpamAllocation> taken, string network, OperationTelemetry telemetry, Exception reason)
    {
        var released = new List<IpamAllocation>(taken.Count);
        foreach (var allocation in taken)
        {
            if (await session.ReleaseAsync(allocation, CancellationToken.None).ConfigureAwait(false))
            {
                released.Add(allocation);
                IpamLog.RolledBack(_logger, allocation.Address, allocation.Owner.ContainerId, allocation.Owner.IfName, network, reason.Message);
            }
            else
            {
                IpamLog.RollbackMissed(_logger, allocation.Address, allocation.Owner.ContainerId, allocation.Owner.IfName, network, reason.Message);
            }
        }

        telemetry.RolledBack(released);
    }

    /// <summary>
    /// Reserves through the store's atomic owner check when it has one (a second address for the owner in the
    /// set is then refused by the store), else through the plain create-if-absent.
    /// </summary>
    private static async ValueTask<bool> ReserveAsync(IIpamStoreSession session, IPValue address, IpamOwner owner, int index, string containerId, CancellationToken cancellationToken)
    {
        if (session is not IIpamAtomicReservation atomic)
        {
            return await session.TryReserveAsync(address.ToAddress(), owner, index, cancellationToken).ConfigureAwait(false);
        }

        var reservation = await atomic.TryReserveForOwnerAsync(address.ToAddress(), owner, index, cancellationToken).ConfigureAwait(false);
        return reservation.Outcome switch
        {
            IpamReservationOutcome.Reserved => true,
            IpamReservationOutcome.OwnerHoldsAnother => throw DuplicateAllocation(
                index,
                reservation.HeldAddress ?? throw new InvalidOperationException($"{session.GetType().Name} answered {nameof(IpamReservationOutcome.OwnerHoldsAnother)} without the address held"),
                containerId),
            _ => false,
        };
    }

    private static CniIPConfig Config(IPValue address, IpamRange range)
        => new() { Address = new IPCidr(address.ToAddress(), range.PrefixLength), Gateway = range.Gateway };

    /// <summary>The reference's error for a second address of one attachment in one range set.</summary>
    private static CniException DuplicateAllocation(int index, System.Net.IPAddress held, string containerId)
        => RangeError(index, $"{IPValue.From(held)} has been allocated to {containerId}, duplicate allocation is not allowed");

    // Allocation failures are rare and end the operation, so no throw helper is needed here.
    private static CniException RangeError(int index, string message)
        => new(CniErrorCode.Internal, $"failed to allocate for range {index.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {message}");
}
