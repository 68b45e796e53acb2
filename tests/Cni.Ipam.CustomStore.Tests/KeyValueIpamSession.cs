using System.Globalization;
using System.Net;

namespace Cni.Ipam.CustomStore.Tests;

/// <summary>
/// One operation's calls, each a single round trip to the server (a failed reservation reads once more
/// to say why). Keys of network N: <c>N/ips/{address}</c> holds the owner (<c>containerID\r\nifname</c>),
/// <c>N/owners/{containerID}/{ifname}/{set}</c> the address an attachment holds in a range set, and
/// <c>N/cursor/{set}</c> the set's last reserved address.
/// </summary>
/// <remarks>
/// It implements the optional <see cref="IIpamAtomicReservation"/>: the owner key of a range set is part of
/// the reservation's comparison, so a second address for an attachment is refused by the server itself
/// and the allocator's ADD skips its look-up of the owner.
/// </remarks>
internal sealed class KeyValueIpamSession(KeyValueServer server, IpamConfiguration configuration) : IIpamAtomicReservation
{
    private readonly string _network = configuration.NetworkName + "/";

    public ValueTask<IpamReservation> TryReserveForOwnerAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Reserve(address, owner, rangeSetIndex));

    /// <remarks>The reservation keeps one address per attachment and set either way, so this is the same call.</remarks>
    public ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Reserve(address, owner, rangeSetIndex).Outcome == IpamReservationOutcome.Reserved);

    private IpamReservation Reserve(IPAddress address, IpamOwner owner, int rangeSetIndex)
    {
        ArgumentNullException.ThrowIfNull(address);
        var addressKey = AddressKey(address);
        var ownerKey = OwnerKey(owner, rangeSetIndex);
        var reserved = server.Commit(
            [(addressKey, null), (ownerKey, null)],
            [(addressKey, OwnerValue(owner)), (ownerKey, address.ToString()), (CursorKey(rangeSetIndex), address.ToString())]);
        if (reserved)
        {
            return IpamReservation.Reserved;
        }

        // Why not: the owner's key of this set names the address it holds, else someone else holds the address.
        return server.Get(ownerKey) is { } held && IPAddress.TryParse(held, out var heldAddress)
            ? IpamReservation.OwnerHolds(heldAddress)
            : IpamReservation.AddressTaken;
    }

    public ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(server.Get(CursorKey(rangeSetIndex)) is { } text && IPAddress.TryParse(text, out var address) ? address : null);

    public ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
    {
        // A legacy owner (no interface) matches every interface of its container.
        var prefix = owner.IsLegacy ? $"{_network}owners/{owner.ContainerId}/" : $"{_network}owners/{owner.ContainerId}/{owner.IfName}/";
        var found = new List<IpamAllocation>();
        foreach (var (key, value) in server.ReadPrefix(prefix))
        {
            var parts = key.Split('/');
            if (IPAddress.TryParse(value, out var address))
            {
                found.Add(new IpamAllocation(address, new IpamOwner(parts[^3], parts[^2])));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>(found);
    }

    public ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
    {
        var addressKey = AddressKey(allocation.Address);
        if (allocation.IsDamaged)
        {
            // Compare-and-delete on the damaged value as read: a record rewritten since is left alone.
            var damaged = server.Get(addressKey);
            return ValueTask.FromResult(damaged is not null && ParseOwner(damaged) is null && server.Commit([(addressKey, damaged)], [(addressKey, null)]));
        }

        List<(string, string?)> deletes = [(addressKey, null)];
        var set = IndexOfSetHolding(allocation.Address);
        if (set >= 0)
        {
            deletes.Add((OwnerKey(allocation.Owner, set), null));
        }

        return ValueTask.FromResult(server.Commit([(addressKey, OwnerValue(allocation.Owner))], deletes));
    }

    public ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<IpamAllocation>>([.. server.ReadPrefix(_network + "ips/").Select(kv =>
            ParseOwner(kv.Value) is { } owner
                ? new IpamAllocation(AddressOf(kv.Key), owner)
                : new IpamAllocation(AddressOf(kv.Key), new IpamOwner("", ""), IsDamaged: true))]);

    public ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<IPAddress>>([.. server.ReadPrefix(_network + "ips/").Select(kv => AddressOf(kv.Key))]);

    /// <remarks>An in-process server can always write; a remote one would probe its leader or quorum here.</remarks>
    public ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string AddressKey(IPAddress address) => $"{_network}ips/{address}";

    private string OwnerKey(IpamOwner owner, int rangeSetIndex)
        => $"{_network}owners/{owner.ContainerId}/{owner.IfName}/{rangeSetIndex.ToString(CultureInfo.InvariantCulture)}";

    private string CursorKey(int rangeSetIndex) => $"{_network}cursor/{rangeSetIndex.ToString(CultureInfo.InvariantCulture)}";

    private int IndexOfSetHolding(IPAddress address)
    {
        for (var index = 0; index < configuration.RangeSets.Count; index++)
        {
            if (configuration.RangeSets[index].Contains(address))
            {
                return index;
            }
        }

        return -1;
    }

    private static IPAddress AddressOf(string key) => IPAddress.Parse(key[(key.LastIndexOf('/') + 1)..]);

    private static string OwnerValue(IpamOwner owner) => owner.IsLegacy ? owner.ContainerId : $"{owner.ContainerId}\r\n{owner.IfName}";

    private static IpamOwner? ParseOwner(string value)
    {
        var lines = value.Split("\r\n");
        return lines switch
        {
            [var containerId] when containerId.Length > 0 => new IpamOwner(containerId, ""),
            [var containerId, var ifName] when containerId.Length > 0 => new IpamOwner(containerId, ifName),
            _ => null,
        };
    }
}
