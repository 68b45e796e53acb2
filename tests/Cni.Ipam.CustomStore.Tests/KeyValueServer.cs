namespace Cni.Ipam.CustomStore.Tests;

/// <summary>
/// An in-process stand-in for a key-value server with compare-and-set transactions (Redis's
/// WATCH/MULTI/EXEC, etcd's Txn, a Kubernetes resource's resourceVersion): each call is one round trip,
/// and <see cref="Commit"/> applies its writes only if every comparison holds, atomically.
/// </summary>
internal sealed class KeyValueServer
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _roundTrips;

    /// <summary>How many calls clients have made.</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    public string? Get(string key)
    {
        Interlocked.Increment(ref _roundTrips);
        lock (_lock)
        {
            return _values.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> ReadPrefix(string prefix)
    {
        Interlocked.Increment(ref _roundTrips);
        lock (_lock)
        {
            return [.. _values.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))];
        }
    }

    /// <summary>
    /// Applies <paramref name="writes"/> (a null value deletes) if every key of <paramref name="compares"/> holds
    /// its expected value (null: absent).
    /// </summary>
    /// <returns>Whether the comparisons held and the writes were applied.</returns>
    public bool Commit(IEnumerable<(string Key, string? Expected)> compares, IEnumerable<(string Key, string? Value)> writes)
    {
        Interlocked.Increment(ref _roundTrips);
        lock (_lock)
        {
            if (compares.Any(compare => _values.GetValueOrDefault(compare.Key) != compare.Expected))
            {
                return false;
            }

            foreach (var (key, value) in writes)
            {
                if (value is null)
                {
                    _values.Remove(key);
                }
                else
                {
                    _values[key] = value;
                }
            }

            return true;
        }
    }

    /// <summary>Everything the server holds, for tests to compare before and after.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Snapshot()
    {
        lock (_lock)
        {
            return [.. _values];
        }
    }
}
