using System.Globalization;
using System.Net;
using System.Text;
using Cni.Ipam.Etcd.Internal.Client;
using Cni.Ipam.Etcd.Internal.Diagnostics;

namespace Cni.Ipam.Etcd.Internal.Store;

/// <summary>
/// One allocator run against etcd. Needs no lock: each change is a single transaction whose
/// conditions make it safe against every other allocator on every node.
/// </summary>
/// <remarks>
/// Two things keep many concurrent allocators from queueing behind each other on the same next
/// address. A reservation that loses reads, in the same transaction, the next taken addresses
/// after the one it wanted, so the following candidates known to be taken cost no round trip. And
/// when the cursor of a range set was moved less than <see cref="ContentionWindow"/> ago by another
/// allocator, this one starts at a random one of the next <see cref="Spread"/> addresses instead of
/// the very next; the skipped ones are used on a later pass, exactly as after host-local's wrap.
/// An allocator working alone follows the cursor address by address, as host-local does.
/// </remarks>
internal sealed class EtcdStoreSession(EtcdClient client, EtcdIpamKeys keys, IpamConfiguration configuration, string writer) : IIpamAtomicReservation
{
    /// <summary>How recent a cursor move by someone else counts as contention.</summary>
    public static readonly TimeSpan ContentionWindow = TimeSpan.FromMilliseconds(250);

    /// <summary>How many addresses past the cursor a contended allocation may start at.</summary>
    public const int Spread = 256;

    /// <summary>How many taken addresses a lost reservation reads ahead.</summary>
    private const int LookAhead = 32;

    private readonly HashSet<IPAddress> _knownTaken = [];
    private readonly Dictionary<IPAddress, byte[]> _ownerKeys = [];
    private List<EtcdKeyValue>? _cursors;

    /// <summary>The etcd revision this session read the cursors at; 0 before it read them.</summary>
    private long _viewRevision;

    /// <remarks>
    /// The owner key of the range set holds one address, so this refuses a second address for the owner in
    /// the set too (returning <see langword="false"/>); the allocator calls <see cref="TryReserveForOwnerAsync"/>.
    /// </remarks>
    public async ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
        => (await TryReserveForOwnerAsync(address, owner, rangeSetIndex, cancellationToken).ConfigureAwait(false)).Outcome == IpamReservationOutcome.Reserved;

    public async ValueTask<IpamReservation> TryReserveForOwnerAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_knownTaken.Contains(address))
        {
            return IpamReservation.AddressTaken;
        }

        var key = keys.Address(address);
        var ownerKey = keys.Owner(owner, rangeSetIndex);
        var ownerValue = EtcdIpamKeys.OwnerValue(owner);
        var response = await client.TxnAsync(
            new EtcdTxnRequest
            {
                // The address is free, and the attachment holds no address in this set yet.
                Compare = [EtcdCompare.Absent(key), EtcdCompare.Absent(ownerKey)],
                Success =
                [
                    EtcdRequestOp.Put(key, ownerValue),
                    EtcdRequestOp.Put(ownerKey, Encoding.UTF8.GetBytes(address.ToString())),
                    EtcdRequestOp.Put(keys.LastReserved(rangeSetIndex), Encoding.UTF8.GetBytes(address.ToString())),
                    EtcdRequestOp.Put(keys.LastReservedAt(rangeSetIndex), Encoding.UTF8.GetBytes(CursorStamp(DateTimeOffset.UtcNow))),
                ],
                Failure =
                [
                    EtcdRequestOp.Get(key),
                    new EtcdRequestOp { RequestRange = new EtcdRangeRequest { Key = key, RangeEnd = EtcdKeys.PrefixEnd(keys.Ips), Limit = LookAhead, KeysOnly = true } },
                    EtcdRequestOp.Get(ownerKey),
                ],
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Succeeded)
        {
            _ownerKeys[address] = ownerKey;
            return IpamReservation.Reserved;
        }

        // Taken, unless by this very owner: a retry of a transaction whose answer was lost after etcd
        // applied it. Then the reservation is ours.
        var holder = response.Responses?.ElementAtOrDefault(0)?.ResponseRange?.Kvs?.FirstOrDefault()?.Value;
        if (holder is not null && holder.AsSpan().SequenceEqual(ownerValue))
        {
            _ownerKeys[address] = ownerKey;
            return IpamReservation.Reserved;
        }

        var held = response.Responses?.ElementAtOrDefault(2)?.ResponseRange?.Kvs?.FirstOrDefault()?.Value;
        if (held is not null && IPAddress.TryParse(Encoding.UTF8.GetString(held), out var heldAddress))
        {
            return IpamReservation.OwnerHolds(heldAddress);
        }

        foreach (var kv in response.Responses?.ElementAtOrDefault(1)?.ResponseRange?.Kvs ?? [])
        {
            if (EtcdIpamKeys.AddressOf(kv.Key) is { } taken)
            {
                _knownTaken.Add(taken);
            }
        }

        // Another allocator holds the address: the allocator goes on to the next candidate. A conflict
        // only if that allocator took it after this session looked (a race); an address held since
        // before is just in use, as every address is once the cursor wraps.
        var holderCreated = response.Responses?.ElementAtOrDefault(0)?.ResponseRange?.Kvs?.FirstOrDefault()?.CreateRevision ?? 0;
        if (_viewRevision > 0 && holderCreated > _viewRevision)
        {
            EtcdTelemetry.CountRetry(EtcdClient.TxnMethod, EtcdTelemetry.Conflict);
        }

        return IpamReservation.AddressTaken;
    }

    public async ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        var cursorKey = keys.LastReserved(rangeSetIndex);
        var stampKey = keys.LastReservedAt(rangeSetIndex);
        if (_cursors is null)
        {
            // Linearizable although the cursor is only a hint: the read then waits for the writes in
            // flight, so concurrent allocators see each other's cursors and collide less.
            var response = await client.RangeAsync(new EtcdRangeRequest { Key = keys.Cursors, RangeEnd = EtcdKeys.PrefixEnd(keys.Cursors) }, cancellationToken).ConfigureAwait(false);
            _cursors = response.Kvs ?? [];
            _viewRevision = response.Header?.Revision ?? 0;
        }

        var cursorValue = _cursors.FirstOrDefault(kv => kv.Key.AsSpan().SequenceEqual(cursorKey))?.Value;
        var stampValue = _cursors.FirstOrDefault(kv => kv.Key.AsSpan().SequenceEqual(stampKey))?.Value;
        var cursor = cursorValue is not null && IPAddress.TryParse(Encoding.UTF8.GetString(cursorValue), out var parsed) ? parsed : null;
        if (!IsContended(stampValue) || rangeSetIndex >= configuration.RangeSets.Count)
        {
            return cursor;
        }

        // Start at a random one of the next addresses: return the candidate just before it.
        var ahead = configuration.RangeSets[rangeSetIndex].CandidatesAfter(cursor).Take(Spread).ToList();
        var start = Random.Shared.Next(ahead.Count);
        return start == 0 ? cursor : ahead[start - 1];
    }

    /// <remarks>
    /// Reads the cursors of every range set in the same request: an ADD asks for the owner's
    /// addresses first and for a cursor next, and this saves it the second round trip.
    /// </remarks>
    public async ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
    {
        var prefix = keys.OwnerPrefix(owner);
        var response = await client.TxnAsync(
            new EtcdTxnRequest
            {
                Success =
                [
                    EtcdRequestOp.GetPrefix(prefix),
                    EtcdRequestOp.GetPrefix(keys.Cursors),
                ],
            },
            cancellationToken).ConfigureAwait(false);
        var found = new List<IpamAllocation>();
        foreach (var kv in response.Responses?.ElementAtOrDefault(0)?.ResponseRange?.Kvs ?? [])
        {
            if (kv.Value is { } value && IPAddress.TryParse(Encoding.UTF8.GetString(value), out var address) && EtcdIpamKeys.OwnerOf(kv.Key) is { } holder)
            {
                found.Add(new IpamAllocation(address, holder));
                _ownerKeys[address] = kv.Key;
            }
        }

        _cursors = response.Responses?.ElementAtOrDefault(1)?.ResponseRange?.Kvs ?? [];
        return found;
    }

    /// <remarks>
    /// Deletes only while the address still holds this owner. Records are written whole by one
    /// transaction, so there are no half-written ones to clean; a value some other tool wrote that
    /// names no owner is left alone.
    /// </remarks>
    public async ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
    {
        var key = keys.Address(allocation.Address);
        var ownerKey = await OwnerKeyOfAsync(allocation, cancellationToken).ConfigureAwait(false);
        var response = await client.TxnAsync(
            new EtcdTxnRequest
            {
                Compare = [EtcdCompare.ValueEquals(key, EtcdIpamKeys.OwnerValue(allocation.Owner))],
                Success = ownerKey is null ? [EtcdRequestOp.Delete(key)] : [EtcdRequestOp.Delete(key), EtcdRequestOp.Delete(ownerKey)],
                Failure = [],
            },
            cancellationToken).ConfigureAwait(false);
        return response.Succeeded;
    }

    /// <summary>
    /// The owner key naming this address: known from this session's lookup or reservation, else the key of
    /// the configured range set holding the address, else found by reading the owner's keys.
    /// </summary>
    private async ValueTask<byte[]?> OwnerKeyOfAsync(IpamAllocation allocation, CancellationToken cancellationToken)
    {
        if (_ownerKeys.TryGetValue(allocation.Address, out var known))
        {
            return known;
        }

        for (var set = 0; set < configuration.RangeSets.Count; set++)
        {
            if (configuration.RangeSets[set].Contains(allocation.Address))
            {
                return keys.Owner(allocation.Owner, set);
            }
        }

        await FindByOwnerAsync(allocation.Owner, cancellationToken).ConfigureAwait(false);
        return _ownerKeys.GetValueOrDefault(allocation.Address);
    }

    public async ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
    {
        var response = await client.RangeAsync(
            new EtcdRangeRequest { Key = keys.Ips, RangeEnd = EtcdKeys.PrefixEnd(keys.Ips) },
            cancellationToken).ConfigureAwait(false);
        var allocations = new List<IpamAllocation>();
        foreach (var kv in response.Kvs ?? [])
        {
            if (EtcdIpamKeys.AddressOf(kv.Key) is not { } address)
            {
                continue;
            }

            allocations.Add(EtcdIpamKeys.ParseOwner(kv.Value) is { } owner
                ? new IpamAllocation(address, owner)
                : new IpamAllocation(address, new IpamOwner("", ""), IsDamaged: true));
        }

        return allocations;
    }

    public async ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default)
    {
        var response = await client.RangeAsync(
            new EtcdRangeRequest { Key = keys.Ips, RangeEnd = EtcdKeys.PrefixEnd(keys.Ips), KeysOnly = true },
            cancellationToken).ConfigureAwait(false);
        var addresses = new List<IPAddress>();
        foreach (var kv in response.Kvs ?? [])
        {
            if (EtcdIpamKeys.AddressOf(kv.Key) is { } address)
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    public async ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        // A linearizable read needs a leader and a quorum, as every write does.
        await client.RangeAsync(new EtcdRangeRequest { Key = keys.Ips, RangeEnd = EtcdKeys.PrefixEnd(keys.Ips), KeysOnly = true, Limit = 1 }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string CursorStamp(DateTimeOffset now) => $"{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)} {writer}";

    private bool IsContended(byte[]? stamp)
    {
        if (stamp is null)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(stamp).Split(' ', 2);
        return parts.Length == 2
            && parts[1] != writer
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            && DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(at) < ContentionWindow;
    }
}
