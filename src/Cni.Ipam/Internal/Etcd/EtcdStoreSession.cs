using System.Net;
using System.Text;

namespace Cni.Ipam.Internal.Etcd;

/// <summary>
/// One allocator run against etcd. Needs no lock: each change is a single transaction whose
/// conditions make it safe against every other allocator on every node.
/// </summary>
internal sealed class EtcdStoreSession(EtcdClient client, EtcdIpamKeys keys) : IIpamStoreSession
{
    public async ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = keys.Address(address);
        var ownerValue = EtcdIpamKeys.OwnerValue(owner);
        var response = await client.TxnAsync(
            new EtcdTxnRequest
            {
                Compare = [EtcdCompare.Absent(key)],
                Success =
                [
                    EtcdRequestOp.Put(key, ownerValue),
                    EtcdRequestOp.Put(keys.Owner(owner, address), [.. Encoding.UTF8.GetBytes(rangeSetIndex.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
                    EtcdRequestOp.Put(keys.LastReserved(rangeSetIndex), Encoding.UTF8.GetBytes(address.ToString())),
                ],
                Failure = [EtcdRequestOp.Get(key)],
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Succeeded)
        {
            return true;
        }

        // Taken, unless by this very owner: a retry of a transaction whose answer was lost after etcd
        // applied it. Then the reservation is ours.
        var holder = response.Responses?.FirstOrDefault()?.ResponseRange?.Kvs?.FirstOrDefault()?.Value;
        return holder is not null && holder.AsSpan().SequenceEqual(ownerValue);
    }

    public async ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        var response = await client.RangeAsync(new EtcdRangeRequest { Key = keys.LastReserved(rangeSetIndex) }, cancellationToken).ConfigureAwait(false);
        var value = response.Kvs?.FirstOrDefault()?.Value;
        return value is not null && IPAddress.TryParse(Encoding.UTF8.GetString(value), out var address) ? address : null;
    }

    public async ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
    {
        var prefix = keys.OwnerPrefix(owner);
        var response = await client.RangeAsync(
            new EtcdRangeRequest { Key = prefix, RangeEnd = EtcdKeys.PrefixEnd(prefix), KeysOnly = true },
            cancellationToken).ConfigureAwait(false);
        var found = new List<IpamAllocation>();
        foreach (var kv in response.Kvs ?? [])
        {
            if (EtcdIpamKeys.AddressOf(kv.Key) is { } address && EtcdIpamKeys.OwnerOf(kv.Key) is { } holder)
            {
                found.Add(new IpamAllocation(address, holder));
            }
        }

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
        var response = await client.TxnAsync(
            new EtcdTxnRequest
            {
                Compare = [EtcdCompare.ValueEquals(key, EtcdIpamKeys.OwnerValue(allocation.Owner))],
                Success = [EtcdRequestOp.Delete(key), EtcdRequestOp.Delete(keys.Owner(allocation.Owner, allocation.Address))],
                Failure = [],
            },
            cancellationToken).ConfigureAwait(false);
        return response.Succeeded;
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

    public async ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        // A linearizable read needs a leader and a quorum, as every write does.
        await client.RangeAsync(new EtcdRangeRequest { Key = keys.Ips, RangeEnd = EtcdKeys.PrefixEnd(keys.Ips), KeysOnly = true, Limit = 1 }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
