using Cni.Ipam.Internal.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Ipam;

/// <summary>
/// host-local's allocation rules over any <see cref="IIpamStore"/>: ADD, DEL, CHECK, GC and STATUS for one
/// attachment at a time. A plugin calls it in-process (bridge and ptp do, with the same effect on disk as
/// running host-local), or the host-local sample calls it for the runtime. Thread-safe; register it once.
/// Reports spans and metrics under <see cref="IpamDiagnostics"/>' names, and logs what it allocated, released
/// and rolled back (and each store round trip, at debug level) to its logger.
/// </summary>
public sealed partial class IpamAllocator
{
    private readonly IIpamStore _store;
    private readonly ILogger _logger;
    private string? _storeKind;

    /// <summary>An allocator that logs nothing.</summary>
    /// <param name="store">Where allocations live.</param>
    public IpamAllocator(IIpamStore store)
        : this(store, NullLogger<IpamAllocator>.Instance)
    {
    }

    /// <summary>
    /// An allocator that logs to <paramref name="logger"/>: addresses allocated and released (information),
    /// reservations rolled back after a failed ADD, with the reason (warning), and store round trips (debug).
    /// The plugin host's services give it the host's logger (the configuration's <c>logFile</c> or stderr).
    /// </summary>
    /// <param name="store">Where allocations live.</param>
    /// <param name="logger">Where its log lines go.</param>
    public IpamAllocator(IIpamStore store, ILogger<IpamAllocator> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    // Named once, on first use: a literal for the SDK's own stores.
    private string StoreKind => _storeKind ??= IpamTags.StoreKind(_store);

    /// <summary>Opens a session, observed (a span and a debug line per round trip) only while someone listens.</summary>
    private ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken)
        => ObservedStoreSession.IsWanted(_logger)
            ? ObservedStoreSession.OpenAsync(_store, configuration, StoreKind, _logger, cancellationToken)
            : _store.OpenAsync(configuration, cancellationToken);
}
