using System.Collections.Concurrent;
using System.Text.Json;
using Cni.Ipam.Etcd.Internal.Client;
using Cni.Ipam.Etcd.Internal.Config;
using Cni.Ipam.Etcd.Internal.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Ipam.Etcd;

/// <summary>
/// Allocations kept in etcd v3, shared by every node that points at the same cluster and prefix.
/// Every change is one etcd transaction that checks its condition and writes at one revision
/// (create only if absent, delete only if still held by the same owner), so two allocators can never
/// hand out one address, and nothing is read first and written later. The key layout is in
/// docs/ipam.md ("etcd store"). Connection settings come from the <c>etcd</c> section of the
/// <c>ipam</c> configuration unless options are given here.
/// </summary>
public sealed class IpamEtcdStore : IIpamStore, IDisposable
{
    private readonly EtcdOptions? _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, EtcdClient> _clients = new(StringComparer.Ordinal);

    // Names this store in cursor stamps, so it can tell its own cursor moves from other allocators'.
    private readonly string _writer = Guid.NewGuid().ToString("N");

    /// <summary>A store that reads its connection settings from each configuration's <c>ipam.etcd</c> section.</summary>
    public IpamEtcdStore()
    {
        _logger = NullLogger.Instance;
    }

    /// <summary>A store that always uses <paramref name="options"/>, whatever the configuration says.</summary>
    /// <param name="options">Endpoints, prefix, credentials, timeout.</param>
    public IpamEtcdStore(EtcdOptions options)
        : this(options ?? throw new ArgumentNullException(nameof(options)), NullLogger<IpamEtcdStore>.Instance)
    {
    }

    /// <summary>
    /// A store that logs to <paramref name="logger"/>: calls to etcd made again after a member failed or refused
    /// the token (warning), and every call with how long it took (debug).
    /// </summary>
    /// <param name="options">Fixed connection settings, or <see langword="null"/> to read them from each configuration's <c>ipam.etcd</c> section.</param>
    /// <param name="logger">Where its log lines go.</param>
    public IpamEtcdStore(EtcdOptions? options, ILogger<IpamEtcdStore> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc/>
    public ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        cancellationToken.ThrowIfCancellationRequested();
        // One client (and its connection) per distinct settings, reused by every session; the settings
        // are read only for a client not made yet.
        EtcdClient client;
        if (_options is { } fixedOptions)
        {
            client = ClientFor("", fixedOptions, static options => options);
        }
        else
        {
            var section = EtcdSection(configuration.IpamJson);
            client = ClientFor(section.GetRawText(), section, ReadOptions);
        }

        return ValueTask.FromResult<IIpamStoreSession>(new EtcdStoreSession(client, new EtcdIpamKeys(client.Options.Prefix, configuration.NetworkName), configuration, _writer));
    }

    /// <summary>
    /// The client for one set of settings. Two sessions that open at once may both make one; the one not
    /// kept is disposed, so its connections do not linger. (Lazy values would also cache a failure, such as
    /// a certificate file not there yet, for the life of the store.)
    /// </summary>
    private EtcdClient ClientFor<TSource>(string key, TSource source, Func<TSource, EtcdOptions> readOptions)
    {
        if (_clients.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var made = new EtcdClient(readOptions(source), _logger);
        var kept = _clients.GetOrAdd(key, made);
        if (!ReferenceEquals(kept, made))
        {
            made.Dispose();
        }

        return kept;
    }

    /// <summary>The clients made so far, one per distinct connection settings.</summary>
    internal IEnumerable<EtcdClient> Clients => _clients.Values;

    /// <summary>Closes the connections to etcd.</summary>
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private static JsonElement EtcdSection(JsonElement ipam)
    {
        if (ipam.ValueKind != JsonValueKind.Object || !ipam.TryGetProperty("etcd", out var section) || section.ValueKind != JsonValueKind.Object)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "etcd: the ipam configuration has no \"etcd\" section", "ipam.etcd");
        }

        return section;
    }

    private static EtcdOptions ReadOptions(JsonElement section)
    {
        try
        {
            return section.Deserialize(IpamEtcdJsonContext.Default.EtcdOptions)
                ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "etcd: the \"etcd\" section is null", "ipam.etcd");
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"etcd: {ex.Message}", "ipam.etcd", ex);
        }
    }
}
