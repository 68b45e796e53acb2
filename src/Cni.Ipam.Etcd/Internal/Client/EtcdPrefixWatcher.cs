using System.Runtime.CompilerServices;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// Everything under one key prefix, kept current: a range read, then a watch from the revision after it;
/// the whole contents are yielded after the read and again after every batch of changes. When the stream's
/// member dies or drops it, a new stream is opened (on the next member that answers) from the revision after
/// the last change seen, so nothing is missed or seen twice; when that revision has been compacted away, the
/// prefix is read afresh. While no member answers it keeps trying; errors that retrying cannot cure
/// (authentication, TLS, a malformed answer) end the enumeration.
/// </summary>
internal sealed class EtcdPrefixWatcher(EtcdClient client, byte[] prefix)
{
    private static readonly TimeSpan s_retryPause = TimeSpan.FromMilliseconds(500);

    private int _streamsOpened;
    private int _reads;

    /// <summary>How many watch streams were opened so far (one more after each member lost).</summary>
    public int StreamsOpened => Volatile.Read(ref _streamsOpened);

    /// <summary>How many times the prefix was read whole (once at the start, once more after each compaction).</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>The member serving the current stream, once one is open.</summary>
    public Uri? Endpoint { get; private set; }

    public async IAsyncEnumerable<IReadOnlyList<EtcdKeyValue>> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = EtcdKeys.PrefixEnd(prefix);
        var contents = new SortedDictionary<byte[], EtcdKeyValue>(ByteOrder.Instance);
        long next = 0;
        while (true)
        {
            if (next == 0)
            {
                var read = await ReadAsync(end, cancellationToken).ConfigureAwait(false);
                if (read is null)
                {
                    continue;
                }

                contents.Clear();
                foreach (var kv in read.Kvs ?? [])
                {
                    contents[kv.Key] = kv;
                }

                next = (read.Header?.Revision ?? 0) + 1;
                yield return [.. contents.Values];
            }

            var stream = await OpenAsync(end, next, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                continue;
            }

            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    var batch = stream.Created.CompactRevision != 0 ? stream.Created : await NextAsync(stream, cancellationToken).ConfigureAwait(false);
                    if (batch is null)
                    {
                        break;
                    }

                    if (batch.CompactRevision != 0 || batch.Canceled)
                    {
                        // The revision to resume from is gone: start over from what is there now.
                        next = 0;
                        break;
                    }

                    foreach (var change in batch.Events ?? [])
                    {
                        if (change.Type == EtcdWatchEventType.Delete)
                        {
                            contents.Remove(change.Kv.Key);
                        }
                        else
                        {
                            contents[change.Kv.Key] = change.Kv;
                        }

                        next = Math.Max(next, change.Kv.ModRevision + 1);
                    }

                    if (batch.Events is { Count: > 0 })
                    {
                        yield return [.. contents.Values];
                    }
                }
            }
        }
    }

    private async Task<EtcdRangeResponse?> ReadAsync(byte[] end, CancellationToken cancellationToken)
    {
        try
        {
            var read = await client.RangeAsync(new EtcdRangeRequest { Key = prefix, RangeEnd = end }, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _reads);
            return read;
        }
        catch (CniException ex) when (ex.Code == CniErrorCode.TryAgainLater)
        {
            await Task.Delay(s_retryPause, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private async Task<EtcdWatchStream?> OpenAsync(byte[] end, long startRevision, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await client.OpenWatchAsync(prefix, end, startRevision, cancellationToken).ConfigureAwait(false);
            // The endpoint first: whoever sees the count go up sees where the stream is (Interlocked is a full fence).
            Endpoint = stream.Endpoint;
            Interlocked.Increment(ref _streamsOpened);
            return stream;
        }
        catch (CniException ex) when (ex.Code == CniErrorCode.TryAgainLater)
        {
            await Task.Delay(s_retryPause, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The next message, or null when the stream broke (its member died or dropped it).</summary>
    private static async Task<EtcdWatchResponse?> NextAsync(EtcdWatchStream stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>etcd's key order: bytes compared unsigned, a prefix before its extensions.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
