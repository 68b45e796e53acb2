namespace Cni.Ipam.Etcd.Tests;

/// <summary>
/// Runs <see cref="EtcdNodeBlocks.WatchAsync"/> in the background and keeps what it yields, so a test can wait
/// for the alive set it expects, or for the enumeration to end with an exception.
/// </summary>
internal sealed class NodeWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IReadOnlyList<NodeBlock>> _snapshots = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _running;

    public NodeWatch(EtcdNodeBlocks blocks)
    {
        _running = Task.Run(async () =>
        {
            try
            {
                await foreach (var nodes in blocks.WatchAsync(_stop.Token))
                {
                    lock (_snapshots)
                    {
                        _snapshots.Add(nodes);
                    }

                    _changed.Release();
                }
            }
            finally
            {
                _changed.Release();
            }
        });
    }

    /// <summary>How the enumeration ended; faulted with its exception, if it did.</summary>
    public Task Ended => _running;

    public IReadOnlyList<IReadOnlyList<NodeBlock>> Snapshots
    {
        get
        {
            lock (_snapshots)
            {
                return [.. _snapshots];
            }
        }
    }

    /// <summary>Waits for a snapshot whose node names are <paramref name="names"/>, and returns it.</summary>
    public async Task<IReadOnlyList<NodeBlock>> WaitForAsync(string[] names, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var snapshots = Snapshots;
            var last = snapshots.Count == 0 ? null : snapshots[^1];
            if (last is not null && last.Select(n => n.NodeName).SequenceEqual(names))
            {
                return last;
            }

            if (_running.IsCompleted)
            {
                await _running;
                throw new InvalidOperationException("the watch ended");
            }

            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no snapshot [{string.Join(", ", names)}] within {timeout}; last: [{string.Join(", ", (last ?? []).Select(n => n.NodeName))}]");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        catch (NodeClaimLostException)
        {
        }

        _stop.Dispose();
    }
}
