using System.Net;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>
/// A store session whose every round trip is a <see cref="StoreCall"/>: a span and a debug log line. The
/// allocator puts it around the store's session only while something listens to <see cref="IpamDiagnostics.ActivitySourceName"/>
/// or its logger takes debug lines, so an allocator nobody observes calls the store directly.
/// </summary>
internal class ObservedStoreSession(IIpamStoreSession inner, string store, ILogger logger) : IIpamStoreSession
{
    protected const string Reserved = "reserved";
    protected const string Taken = "taken";
    private const string Released = "released";
    private const string NotHeld = "not_held";

    /// <summary>Whether the store's round trips are to be observed now.</summary>
    public static bool IsWanted(ILogger logger) => IpamTelemetry.Source.HasListeners() || logger.IsEnabled(LogLevel.Debug);

    /// <summary>Opens a session (the file store's lock is taken here) as a round trip of its own, and observes the session.</summary>
    public static async ValueTask<IIpamStoreSession> OpenAsync(IIpamStore ipamStore, IpamConfiguration configuration, string store, ILogger logger, CancellationToken cancellationToken)
    {
        var session = await ObserveAsync(store, "open", null, -1, logger, () => ipamStore.OpenAsync(configuration, cancellationToken), null).ConfigureAwait(false);
        return session is IIpamAtomicReservation atomic
            ? new ObservedAtomicStoreSession(atomic, store, logger)
            : new ObservedStoreSession(session, store, logger);
    }

    public ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
        => ObserveAsync("reserve", address, rangeSetIndex, () => inner.TryReserveAsync(address, owner, rangeSetIndex, cancellationToken), reserved => reserved ? Reserved : Taken);

    public ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
        => ObserveAsync("last_reserved", null, rangeSetIndex, () => inner.GetLastReservedAsync(rangeSetIndex, cancellationToken), null);

    public ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
        => ObserveAsync("find_owner", null, -1, () => inner.FindByOwnerAsync(owner, cancellationToken), null);

    public ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
        => ObserveAsync("release", allocation.Address, -1, () => inner.ReleaseAsync(allocation, cancellationToken), released => released ? Released : NotHeld);

    public ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
        => ObserveAsync("list", null, -1, () => inner.ListAsync(cancellationToken), null);

    public ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default)
        => ObserveAsync("list_addresses", null, -1, () => inner.ListAddressesAsync(cancellationToken), null);

    public async ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
        => await ObserveAsync("ensure_writable", null, -1, () => Done(inner.EnsureWritableAsync(cancellationToken)), null).ConfigureAwait(false);

    // The file store writes its index and lets go of its lock here.
    public async ValueTask DisposeAsync()
    {
        await ObserveAsync("close", null, -1, () => Done(inner.DisposeAsync()), null).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected ValueTask<T> ObserveAsync<T>(string operation, IPAddress? address, int rangeSet, Func<ValueTask<T>> call, Func<T, string>? outcome)
        => ObserveAsync(store, operation, address, rangeSet, logger, call, outcome);

    // The span starts inside this async method, so Activity.Current returns to the allocator's span when it ends.
    private static async ValueTask<T> ObserveAsync<T>(string store, string operation, IPAddress? address, int rangeSet, ILogger logger, Func<ValueTask<T>> call, Func<T, string>? outcome)
    {
        var observed = StoreCall.Start(store, operation, address, rangeSet);
        T result;
        try
        {
            result = await call().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            observed.Fail(logger, e);
            throw;
        }

        observed.Stop(logger, outcome?.Invoke(result));
        return result;
    }

    private static async ValueTask<bool> Done(ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        return true;
    }
}
