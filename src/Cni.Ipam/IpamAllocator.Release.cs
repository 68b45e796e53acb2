using Cni.Ipam.Internal;
using Cni.Ipam.Internal.Diagnostics;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam;

public sealed partial class IpamAllocator
{
    /// <summary>
    /// Releases every address held by (<paramref name="containerId"/>, <paramref name="ifName"/>) on the network,
    /// in any range set; when it holds none, the addresses of legacy records of the container (ID only).
    /// Succeeds when there is nothing to release.
    /// </summary>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="containerId">CNI_CONTAINERID.</param>
    /// <param name="ifName">CNI_IFNAME.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The allocations released.</returns>
    public async Task<IReadOnlyList<IpamAllocation>> DeleteAsync(IpamConfiguration configuration, string containerId, string ifName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(ifName);
        var owner = new IpamOwner(containerId.Trim(), ifName);
        var telemetry = OperationTelemetry.Start("DEL", configuration, StoreKind, containerId, ifName);
        try
        {
            var released = new List<IpamAllocation>();
            var session = await OpenAsync(configuration, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var found = await session.FindByOwnerAsync(owner, cancellationToken).ConfigureAwait(false);
                var exact = found.Where(a => !a.Owner.IsLegacy).ToList();
                foreach (var allocation in exact.Count > 0 ? exact : found)
                {
                    if (await session.ReleaseAsync(allocation, cancellationToken).ConfigureAwait(false))
                    {
                        released.Add(allocation);
                    }
                }
            }

            Released("DEL", released, configuration.NetworkName, telemetry);
            telemetry.Stop(null);
            return released;
        }
        catch (Exception e)
        {
            telemetry.Stop(e);
            throw;
        }
    }

    /// <summary>Confirms that (<paramref name="containerId"/>, <paramref name="ifName"/>) holds at least one address on the network.</summary>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="containerId">CNI_CONTAINERID.</param>
    /// <param name="ifName">CNI_IFNAME.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the allocation is found.</returns>
    /// <exception cref="CniException">Code 999 <c>host-local: Failed to find address added by container …</c>, as the reference.</exception>
    public async Task CheckAsync(IpamConfiguration configuration, string containerId, string ifName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(containerId);
        ArgumentNullException.ThrowIfNull(ifName);
        var telemetry = OperationTelemetry.Start("CHECK", configuration, StoreKind, containerId, ifName);
        try
        {
            var session = await OpenAsync(configuration, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var found = await session.FindByOwnerAsync(new IpamOwner(containerId.Trim(), ifName), cancellationToken).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    ThrowHelper.ThrowIpam($"host-local: Failed to find address added by container {containerId}");
                }
            }

            telemetry.Stop(null);
        }
        catch (Exception e)
        {
            telemetry.Stop(e);
            throw;
        }
    }

    /// <summary>
    /// GC (spec 1.1.0): releases every allocation of the network whose owner is not among
    /// <paramref name="validAttachments"/> (a legacy record is kept when its container is), and every damaged
    /// record. An empty list releases everything.
    /// </summary>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="validAttachments">The attachments still in use (<see cref="IpamAttachments.From{TConfig}"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The allocations released.</returns>
    public async Task<IReadOnlyList<IpamAllocation>> CollectGarbageAsync(IpamConfiguration configuration, IEnumerable<CniAttachment> validAttachments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validAttachments);
        var valid = new HashSet<IpamOwner>();
        var validContainers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attachment in validAttachments)
        {
            valid.Add(new IpamOwner(attachment.ContainerId.Trim(), attachment.IfName));
            validContainers.Add(attachment.ContainerId.Trim());
        }

        var telemetry = OperationTelemetry.Start("GC", configuration, StoreKind);
        try
        {
            var released = new List<IpamAllocation>();
            var session = await OpenAsync(configuration, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                foreach (var allocation in await session.ListAsync(cancellationToken).ConfigureAwait(false))
                {
                    var keep = !allocation.IsDamaged && (allocation.Owner.IsLegacy
                        ? validContainers.Contains(allocation.Owner.ContainerId)
                        : valid.Contains(allocation.Owner));
                    if (!keep && await session.ReleaseAsync(allocation, cancellationToken).ConfigureAwait(false))
                    {
                        released.Add(allocation);
                    }
                }
            }

            Released("GC", released, configuration.NetworkName, telemetry);
            telemetry.Stop(null);
            return released;
        }
        catch (Exception e)
        {
            telemetry.Stop(e);
            throw;
        }
    }

    /// <summary>
    /// STATUS (spec 1.1.0): succeeds when an ADD could succeed now: the store opens and can write, and no
    /// range set has every address taken.
    /// </summary>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when ready.</returns>
    /// <exception cref="CniException">Code 50 (<see cref="CniErrorCode.PluginNotAvailable"/>) with the reason.</exception>
    public async Task CheckStatusAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = OperationTelemetry.Start("STATUS", configuration, StoreKind);
        try
        {
            await CheckStoreStatusAsync(configuration, telemetry, cancellationToken).ConfigureAwait(false);
            telemetry.Stop(null);
        }
        catch (Exception e)
        {
            telemetry.Stop(e);
            throw;
        }
    }

    private async ValueTask CheckStoreStatusAsync(IpamConfiguration configuration, OperationTelemetry telemetry, CancellationToken cancellationToken)
    {
        IIpamStoreSession session;
        try
        {
            session = await OpenAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CniException e) when (e.Code != CniErrorCode.PluginNotAvailable)
        {
            throw new CniException(CniErrorCode.PluginNotAvailable, e.Message, e.Details, e);
        }

        await using (session.ConfigureAwait(false))
        {
            await session.EnsureWritableAsync(cancellationToken).ConfigureAwait(false);
            var addresses = await session.ListAddressesAsync(cancellationToken).ConfigureAwait(false);
            for (var index = 0; index < configuration.RangeSets.Count; index++)
            {
                var set = configuration.RangeSets[index];
                var taken = UInt128.Zero;
                foreach (var held in addresses)
                {
                    var address = IPValue.From(held);
                    if (set.RangeFor(address) is { } range && address != range.GatewayValue)
                    {
                        taken++;
                    }
                }

                if (taken >= set.Capacity)
                {
                    telemetry.Exhausted();
                    ThrowHelper.ThrowNotAvailable($"no IP addresses available in range set: {set}");
                }
            }
        }
    }

    /// <summary>Records and logs what a DEL or a GC released.</summary>
    private void Released(string command, List<IpamAllocation> released, string network, OperationTelemetry telemetry)
    {
        telemetry.Released(released);
        foreach (var allocation in released)
        {
            IpamLog.Released(_logger, command, allocation.Address, allocation.Owner.ContainerId, allocation.Owner.IfName, network);
        }
    }
}
