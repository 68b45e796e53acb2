using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.CompilerServices;
using System.Text;
using Cni.Ipam.Etcd.Internal.Client;
using Cni.Ipam.Etcd.Internal.Cluster;
using Cni.Ipam.Etcd.Internal.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Ipam.Etcd;

/// <summary>
/// Per-node pod blocks of a cluster CIDR, kept in etcd (docs/ipam.md, "Node blocks in etcd"): a node claims
/// a block with one compare-and-swap transaction and holds it by two leases this object renews in the
/// background; every node lists and watches the nodes alive now, with their blocks and underlay addresses.
/// </summary>
/// <remarks>
/// A node's record in the alive set lives under a lease of <see cref="NodeBlockOptions.LeaseTtl"/>; its block
/// under a lease of <see cref="NodeBlockOptions.LeaseTtl"/> + <see cref="NodeBlockOptions.GracePeriod"/>. A node
/// that stops renewing leaves the alive set after the TTL and frees its block a grace period later; a node
/// that claims again under the same name before then gets the same block. Thread-safe.
/// </remarks>
public sealed class EtcdNodeBlocks : IAsyncDisposable
{
    private readonly EtcdClient _client;
    private readonly NodeBlockKeys _keys;
    private readonly BlockSpace _space;
    private readonly long _aliveTtlSeconds;
    private readonly long _ownerTtlSeconds;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NodeClaim? _claim;

    // Completed (and replaced) whenever a claim is stored: what a running watch waits on to watch the new claim.
    private TaskCompletionSource _claimed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Connects to etcd as <paramref name="etcd"/> says (its <see cref="EtcdOptions.Prefix"/> is not used) with the blocks <paramref name="options"/> describe.</summary>
    /// <param name="etcd">The endpoints, timeout, authentication and TLS settings.</param>
    /// <param name="options">The cluster CIDR, the block size, the lease TTL and grace period, the key prefix.</param>
    public EtcdNodeBlocks(EtcdOptions etcd, NodeBlockOptions options)
        : this(etcd, options, NullLogger<EtcdNodeBlocks>.Instance)
    {
    }

    /// <summary>
    /// Connects as <see cref="EtcdNodeBlocks(EtcdOptions, NodeBlockOptions)"/> does, and logs to <paramref name="logger"/>
    /// calls to etcd made again after a member failed or refused the token (warning) and every call (debug).
    /// </summary>
    /// <param name="etcd">The endpoints, timeout, authentication and TLS settings.</param>
    /// <param name="options">The cluster CIDR, the block size, the lease TTL and grace period, the key prefix.</param>
    /// <param name="logger">Where its log lines go.</param>
    public EtcdNodeBlocks(EtcdOptions etcd, NodeBlockOptions options, ILogger<EtcdNodeBlocks> logger)
    {
        ArgumentNullException.ThrowIfNull(etcd);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.LeaseTtl < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LeaseTtl, "the lease TTL must be at least 1 second");
        }

        if (options.GracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.GracePeriod, "the grace period must not be negative");
        }

        if (string.IsNullOrEmpty(options.Prefix.TrimEnd('/')))
        {
            throw new ArgumentException("the key prefix must not be empty", nameof(options));
        }

        _space = new BlockSpace(options.ClusterCidr, options.BlockPrefixLength);
        _keys = new NodeBlockKeys(options.Prefix);
        _aliveTtlSeconds = WholeSeconds(options.LeaseTtl);
        _ownerTtlSeconds = WholeSeconds(options.LeaseTtl + options.GracePeriod);
        _client = new EtcdClient(etcd, logger);
    }

    /// <summary>
    /// The current claim: faults with <see cref="NodeClaimLostException"/> when it is lost (claim again then),
    /// completes when it is released or this object disposed. Throws <see cref="InvalidOperationException"/>
    /// before the first <see cref="ClaimAsync"/>.
    /// </summary>
    public Task ClaimLost => Volatile.Read(ref _claim)?.Ended ?? throw new InvalidOperationException("no block has been claimed");

    /// <summary>The block the current claim holds, or <see langword="null"/> when none is held.</summary>
    public NodeBlock? Claimed => Volatile.Read(ref _claim) is { Ended.IsCompleted: false } claim ? claim.Block : null;

    internal EtcdClient Client => _client;

    internal NodeClaim? Claim => Volatile.Read(ref _claim);

    /// <summary>The prefix watcher of the last <see cref="WatchAsync"/> begun, for tests.</summary>
    internal EtcdPrefixWatcher? Watcher { get; private set; }

    /// <summary>
    /// Gets <paramref name="nodeName"/> its block: the one it already holds (a restart within the grace period),
    /// else the lowest free block, taken with one transaction that succeeds only if the block and the name are
    /// still as read, so two nodes never get one block. Then renews the claim's leases until
    /// <see cref="ReleaseAsync"/> or <see cref="DisposeAsync"/>. A node that held its block through another
    /// process (the same name) takes it over; that process's leases are revoked, so it learns it lost the claim.
    /// </summary>
    /// <param name="nodeName">The node's name, unique in the cluster (no <c>/</c>, at most 253 characters).</param>
    /// <param name="underlayAddress">The node's address on the network between the nodes.</param>
    /// <param name="vtepAddress">The MAC address of the node's VXLAN device, or <see langword="null"/> without VXLAN.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The node's block.</returns>
    /// <exception cref="ArgumentException">The node name is not valid, or <paramref name="vtepAddress"/> is not 6 bytes long.</exception>
    /// <exception cref="InvalidOperationException">Every block is held by another node, or this object holds a claim already.</exception>
    /// <exception cref="CniException">etcd failed (code 11: no member answered within <see cref="EtcdOptions.Timeout"/>).</exception>
    public async Task<NodeBlock> ClaimAsync(string nodeName, IPAddress underlayAddress, PhysicalAddress? vtepAddress, CancellationToken cancellationToken = default)
    {
        ValidateNodeName(nodeName);
        ArgumentNullException.ThrowIfNull(underlayAddress);
        if (vtepAddress is not null && vtepAddress.GetAddressBytes().Length != 6)
        {
            throw new ArgumentException($"{vtepAddress} is not a 6-byte MAC address", nameof(vtepAddress));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_claim is { Ended.IsCompleted: false } held)
            {
                throw new InvalidOperationException($"node {held.Block.NodeName} holds {held.Block.Block} already; release it before claiming again");
            }

            var grantedAt = Stopwatch.GetTimestamp();
            var alive = await _client.LeaseGrantAsync(_aliveTtlSeconds, cancellationToken).ConfigureAwait(false);
            var owner = await GrantOrRevokeAsync(_ownerTtlSeconds, alive.Id, cancellationToken).ConfigureAwait(false);
            try
            {
                var block = await TakeBlockAsync(nodeName, underlayAddress, vtepAddress, alive.Id, owner.Id, cancellationToken).ConfigureAwait(false);
                var claim = new NodeClaim(_client, block, alive.Id, owner.Id, TimeSpan.FromSeconds(alive.Ttl));
                claim.Start(grantedAt);
                Volatile.Write(ref _claim, claim);
                Interlocked.Exchange(ref _claimed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                return block;
            }
            catch
            {
                await RevokeQuietlyAsync(alive.Id).ConfigureAwait(false);
                await RevokeQuietlyAsync(owner.Id).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The nodes alive now, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every node whose alive record exists.</returns>
    public async Task<IReadOnlyList<NodeBlock>> ListAsync(CancellationToken cancellationToken = default)
    {
        var nodes = _keys.Nodes;
        var read = await _client.RangeAsync(new EtcdRangeRequest { Key = nodes, RangeEnd = EtcdKeys.PrefixEnd(nodes) }, cancellationToken).ConfigureAwait(false);
        return ToNodes(read.Kvs ?? []);
    }

    /// <summary>
    /// The nodes alive, yielded whole: first as they are now, then again after every change (a node joined,
    /// left, or changed its record). It outlives the loss of the etcd member serving it (the watch resumes on
    /// another member with no change missed) and waits while no member answers. When a claim of this object is
    /// lost, the enumeration ends with that <see cref="NodeClaimLostException"/>.
    /// </summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The alive nodes, by name, after each change.</returns>
    public async IAsyncEnumerable<IReadOnlyList<NodeBlock>> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var watcher = new EtcdPrefixWatcher(_client, _keys.Nodes);
        Watcher = watcher;
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var snapshots = watcher.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Task<bool>? pending = null;
        try
        {
            while (true)
            {
                var next = pending = snapshots.MoveNextAsync().AsTask();
                // A claim lost at any moment (also while the caller was busy with the last snapshot) ends the
                // watch at once: with etcd gone no snapshot would come to end it. A claim made after the watch
                // began is watched from the moment it is made: its record's snapshot can arrive before
                // ClaimAsync has stored the claim, so waiting for the next snapshot would not see it.
                while (true)
                {
                    var claimed = Volatile.Read(ref _claimed).Task;
                    var ended = Volatile.Read(ref _claim)?.Ended;
                    if (ended is { IsFaulted: true })
                    {
                        await ended.ConfigureAwait(false);
                    }

                    var first = ended is { IsCompleted: false }
                        ? await Task.WhenAny(next, ended, claimed).ConfigureAwait(false)
                        : await Task.WhenAny(next, claimed).ConfigureAwait(false);
                    if (first == next)
                    {
                        break;
                    }
                }

                var more = await next.ConfigureAwait(false);
                pending = null;
                if (!more)
                {
                    yield break;
                }

                yield return ToNodes(snapshots.Current);
            }
        }
        finally
        {
            // Stopping the watcher (cancelling its stream, disposing the enumerator once a move under way has
            // ended) happens in the background: on a dead or hung member it may take a while, and the caller
            // must learn at once that the watch (or the claim) ended.
            _ = StopWatcherAsync(snapshots, pending, stop);
        }
    }

    private static async Task StopWatcherAsync(IAsyncEnumerator<IReadOnlyList<EtcdKeyValue>> snapshots, Task<bool>? pending, CancellationTokenSource stop)
    {
        try
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (pending is not null)
            {
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await snapshots.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or CniException or IOException or HttpRequestException)
        {
            // The watch is over; how its stream ended concerns no one.
        }
        finally
        {
            stop.Dispose();
        }
    }

    /// <summary>
    /// Leaves now: stops renewing and revokes the alive lease, so every watcher drops this node at once. The
    /// block stays reserved to the node until its owner lease runs out (at most
    /// <see cref="NodeBlockOptions.LeaseTtl"/> + <see cref="NodeBlockOptions.GracePeriod"/>), so the node gets it
    /// back if it claims again by then. Nothing to do when no claim is held.
    /// </summary>
    /// <param name="cancellationToken">Cancels the revocation.</param>
    /// <exception cref="CniException">etcd did not take the revocation; renewal has stopped, so the node leaves when its alive lease runs out.</exception>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_claim is { } claim)
            {
                var wasHeld = !claim.Ended.IsCompleted;
                await claim.DisposeAsync().ConfigureAwait(false);
                if (wasHeld)
                {
                    await _client.LeaseRevokeAsync(claim.AliveLease, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops renewing (without revoking: the node leaves the alive set when its lease runs out, as after a crash,
    /// so peers keep their routes through a quick restart) and closes the connections.
    /// </summary>
    /// <returns>A task that completes when renewal has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_claim is { } claim)
            {
                await claim.DisposeAsync().ConfigureAwait(false);
            }

            _client.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NodeBlock> TakeBlockAsync(string nodeName, IPAddress underlayAddress, PhysicalAddress? vtepAddress, long aliveLease, long ownerLease, CancellationToken cancellationToken)
    {
        var name = Encoding.UTF8.GetBytes(nodeName);
        var ownerKey = _keys.Owner(nodeName);
        var nodeKey = _keys.Node(nodeName);
        EtcdRequestOp[] reads = [EtcdRequestOp.GetPrefix(_keys.Blocks), EtcdRequestOp.Get(ownerKey), EtcdRequestOp.Get(nodeKey)];
        var state = await _client.TxnAsync(new EtcdTxnRequest { Success = [.. reads] }, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var blocks = (state.Responses?[0].ResponseRange?.Kvs ?? []).ToDictionary(kv => Encoding.UTF8.GetString(kv.Key), StringComparer.Ordinal);
            var ownerRecord = state.Responses?[1].ResponseRange?.Kvs?.FirstOrDefault();
            var nodeRecord = state.Responses?[2].ResponseRange?.Kvs?.FirstOrDefault();

            // The block this name holds, if its record and the block's agree.
            IPCidr? held = ownerRecord is not null
                && IPCidr.TryParse(NodeRecord.Text(ownerRecord.Value), out var recorded)
                && _space.Contains(recorded)
                && blocks.TryGetValue(_keys.BlockText(recorded), out var blockRecord)
                && NodeRecord.Text(blockRecord.Value) == nodeName
                    ? recorded
                    : null;
            var block = held ?? _space.FirstFree(candidate => blocks.ContainsKey(_keys.BlockText(candidate)), blocks.Count)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"no free block for node {nodeName}: all {_space.Count} {_space.Describe()} are held by other nodes (a departed node's block is free its grace period after it left)"));
            var blockKey = _keys.Block(block);
            var response = await _client.TxnAsync(
                new EtcdTxnRequest
                {
                    // The name and the block are as read: no other node took either meanwhile.
                    Compare =
                    [
                        ownerRecord is null ? EtcdCompare.Absent(ownerKey) : EtcdCompare.ValueEquals(ownerKey, ownerRecord.Value ?? []),
                        held is null ? EtcdCompare.Absent(blockKey) : EtcdCompare.ValueEquals(blockKey, name),
                    ],
                    Success =
                    [
                        EtcdRequestOp.Put(blockKey, name, ownerLease),
                        EtcdRequestOp.Put(ownerKey, Encoding.UTF8.GetBytes(block.ToString()), ownerLease),
                        EtcdRequestOp.Put(nodeKey, NodeRecord.Write(block, underlayAddress, vtepAddress), aliveLease),
                    ],
                    Failure = [.. reads],
                },
                cancellationToken).ConfigureAwait(false);
            if (response.Succeeded)
            {
                // The leases of an earlier claim under this name now hold nothing: revoked, so a process
                // still renewing them learns that its claim is gone.
                foreach (var earlier in new[] { ownerRecord?.Lease, nodeRecord?.Lease }.Distinct())
                {
                    if (earlier is { } lease and not 0 && lease != aliveLease && lease != ownerLease)
                    {
                        await RevokeQuietlyAsync(lease).ConfigureAwait(false);
                    }
                }

                return new NodeBlock(nodeName, block, underlayAddress, vtepAddress);
            }

            // Another node took the name or the block meanwhile: read again and choose again.
            EtcdTelemetry.CountRetry(EtcdClient.TxnMethod, EtcdTelemetry.Conflict);
            state = response;
        }
    }

    private async Task<EtcdLeaseResponse> GrantOrRevokeAsync(long ttlSeconds, long grantedBefore, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.LeaseGrantAsync(ttlSeconds, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RevokeQuietlyAsync(grantedBefore).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Revokes a lease nobody needs any more; when that fails, the lease ends at its TTL anyway.</summary>
    private async Task RevokeQuietlyAsync(long lease)
    {
        try
        {
            await _client.LeaseRevokeAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CniException)
        {
            // Not found (it ended already) or etcd unreachable: either way it ends by itself.
        }
    }

    private List<NodeBlock> ToNodes(IEnumerable<EtcdKeyValue> records)
    {
        // A record that does not parse (written by something else) is left out rather than failing every watcher.
        var nodes = new List<NodeBlock>();
        foreach (var kv in records)
        {
            if (NodeRecord.Read(_keys.NodeName(kv.Key), kv.Value) is { } node)
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }

    private static void ValidateNodeName(string nodeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        if (nodeName.Length > 253 || nodeName.Contains('/', StringComparison.Ordinal) || nodeName.Any(char.IsControl) || nodeName.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"\"{nodeName}\" is not a node name (at most 253 characters, no '/', no spaces or control characters)", nameof(nodeName));
        }
    }

    private static long WholeSeconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);
}
