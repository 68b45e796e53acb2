using System.Diagnostics;
using System.Globalization;
using Cni.Ipam.Etcd.Internal.Client;

namespace Cni.Ipam.Etcd.Internal.Cluster;

/// <summary>
/// A held block: the node's two leases, renewed together every third of the alive lease's TTL until
/// disposed. <see cref="Ended"/> faults with <see cref="NodeClaimLostException"/> when etcd
/// answers that a lease is gone, or when no renewal has succeeded for a whole TTL (etcd has then most likely
/// expired the alive record); it completes when the claim is stopped.
/// </summary>
internal sealed class NodeClaim : IAsyncDisposable
{
    /// <summary>After a failed renewal, the next attempt comes sooner than the usual interval.</summary>
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromMilliseconds(250);

    private readonly EtcdClient _client;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _renewing = Task.CompletedTask;
    private int _renewals;
    private int _disposed;

    public NodeClaim(EtcdClient client, NodeBlock block, long aliveLease, long ownerLease, TimeSpan aliveTtl)
    {
        _client = client;
        Block = block;
        AliveLease = aliveLease;
        OwnerLease = ownerLease;
        _ttl = aliveTtl;
    }

    public NodeBlock Block { get; }

    public long AliveLease { get; }

    public long OwnerLease { get; }

    public Task Ended => _ended.Task;

    /// <summary>How many times both leases were renewed.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Starts renewing; the leases were granted at <paramref name="grantedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Start(long grantedAt) => _renewing = Task.Run(() => RenewAsync(grantedAt));

    /// <summary>Stops renewing; <see cref="Ended"/> completes unless the claim was lost already.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _ended.TrySetResult();
        _stop.Dispose();
    }

    private async Task RenewAsync(long renewedAt)
    {
        var interval = _ttl / 3;
        Exception? lastFailure = null;
        try
        {
            while (true)
            {
                await Task.Delay(lastFailure is null ? interval : TimeSpan.FromTicks(Math.Min(interval.Ticks, s_retryInterval.Ticks)), _stop.Token).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    // A renewal that answers after the TTL is too late to count: the call may take what is left of it.
                    using var call = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    call.CancelAfter(TimeSpan.FromTicks(Math.Max((_ttl - Stopwatch.GetElapsedTime(renewedAt)).Ticks, TimeSpan.TicksPerMillisecond)));
                    var alive = _client.LeaseKeepAliveAsync(AliveLease, call.Token);
                    var owner = _client.LeaseKeepAliveAsync(OwnerLease, call.Token);
                    await Task.WhenAll(alive, owner).ConfigureAwait(false);
                    if (alive.Result.Ttl <= 0 || owner.Result.Ttl <= 0)
                    {
                        var gone = alive.Result.Ttl <= 0 ? AliveLease : OwnerLease;
                        Lose(string.Create(CultureInfo.InvariantCulture, $"etcd no longer has lease {gone:x} of node {Block.NodeName}: it expired or was revoked"), null);
                        return;
                    }

                    renewedAt = started;
                    lastFailure = null;
                    Interlocked.Increment(ref _renewals);
                }
                catch (OperationCanceledException ex) when (!_stop.IsCancellationRequested)
                {
                    lastFailure = ex;
                }
                catch (CniException ex) when (ex.Code == CniErrorCode.TryAgainLater)
                {
                    lastFailure = ex;
                }
                catch (CniException ex)
                {
                    Lose($"renewing the lease of node {Block.NodeName} failed: {ex.Message}", ex);
                    return;
                }

                if (lastFailure is not null && Stopwatch.GetElapsedTime(renewedAt) >= _ttl)
                {
                    var reason = lastFailure is CniException etcd ? etcd.Message : "no answer in time";
                    Lose(string.Create(CultureInfo.InvariantCulture, $"the lease of node {Block.NodeName} was not renewed for {_ttl.TotalSeconds:0.#} s, its TTL: {reason}"), lastFailure);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            // Whatever else ends the renewals ends the claim, visibly: an agent waiting on Ended must learn it.
            Lose($"renewing the lease of node {Block.NodeName} failed: {ex.Message}", ex);
        }
    }

    private void Lose(string message, Exception? lastFailure)
        => _ended.TrySetException(new NodeClaimLostException(Block.NodeName, message, lastFailure));
}
