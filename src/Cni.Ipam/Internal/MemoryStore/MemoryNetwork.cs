using System.Net;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam.Internal.MemoryStore;

/// <summary>One network's allocations in an <see cref="IpamMemoryStore"/>; every operation takes its lock once.</summary>
internal sealed class MemoryNetwork : IIpamStoreSession
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPValue, IpamOwner> _owners = [];
    private readonly Dictionary<string, HashSet<IPValue>> _byContainer = new(StringComparer.Ordinal);
    private readonly Dictionary<int, IPValue> _lastReserved = [];

    public ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = IPValue.From(address);
        lock (_lock)
        {
            if (!_owners.TryAdd(key, owner))
            {
                return ValueTask.FromResult(false);
            }

            if (!_byContainer.TryGetValue(owner.ContainerId, out var held))
            {
                _byContainer[owner.ContainerId] = held = [];
            }

            held.Add(key);
            _lastReserved[rangeSetIndex] = key;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_lastReserved.TryGetValue(rangeSetIndex, out var last) ? last.ToAddress() : null);
        }
    }

    public ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var found = new List<IpamAllocation>();
            if (_byContainer.TryGetValue(owner.ContainerId, out var held))
            {
                foreach (var address in held)
                {
                    var holder = _owners[address];
                    if (holder.Matches(owner))
                    {
                        found.Add(new IpamAllocation(address.ToAddress(), holder));
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>(found);
        }
    }

    public ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = IPValue.From(allocation.Address);
        lock (_lock)
        {
            if (allocation.IsDamaged || !_owners.TryGetValue(key, out var holder) || holder != allocation.Owner)
            {
                return ValueTask.FromResult(false);
            }

            _owners.Remove(key);
            var held = _byContainer[holder.ContainerId];
            held.Remove(key);
            if (held.Count == 0)
            {
                _byContainer.Remove(holder.ContainerId);
            }

            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>([.. _owners.Select(p => new IpamAllocation(p.Key.ToAddress(), p.Value))]);
        }
    }

    public ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<IPAddress>>([.. _owners.Keys.Select(k => k.ToAddress())]);
        }
    }

    public ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    // The network outlives its sessions: nothing to release.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
