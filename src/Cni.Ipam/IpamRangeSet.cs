using System.Collections;
using System.Net;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam;

/// <summary>
/// A validated range set: one address is allocated per set, from any of its ranges (all of one family,
/// none overlapping), round-robin from where the last allocation in this set stopped.
/// </summary>
public sealed class IpamRangeSet : IReadOnlyList<IpamRange>
{
    private readonly IpamRange[] _ranges;

    internal IpamRangeSet(IpamRange[] ranges) => _ranges = ranges;

    /// <inheritdoc/>
    public int Count => _ranges.Length;

    /// <summary>Whether every range is IPv4.</summary>
    public bool IsIPv4 => _ranges[0].Start.IsIPv4;

    /// <summary>How many addresses the set can hand out in all.</summary>
    public UInt128 Capacity
    {
        get
        {
            var total = UInt128.Zero;
            foreach (var range in _ranges)
            {
                total += range.Capacity;
            }

            return total;
        }
    }

    /// <inheritdoc/>
    public IpamRange this[int index] => _ranges[index];

    /// <summary>Whether a range of the set contains <paramref name="address"/>.</summary>
    /// <param name="address">Any address.</param>
    public bool Contains(IPAddress address) => RangeFor(address) is not null;

    /// <summary>The range that contains <paramref name="address"/>, or <see langword="null"/>.</summary>
    /// <param name="address">Any address.</param>
    public IpamRange? RangeFor(IPAddress address) => RangeFor(IPValue.From(address));

    /// <summary>
    /// The addresses the allocator tries, in its order, after <paramref name="lastReserved"/>: host-local's
    /// round robin (on to the end of that address's range, then the next range's start, wrapping after the
    /// last range, never the gateway), from the first range's start when <paramref name="lastReserved"/> is
    /// <see langword="null"/> or outside the set. Computed lazily, so a huge IPv6 range is never materialized.
    /// Public for stores that want to start a contended allocation further along the same walk
    /// (<see cref="IIpamStoreSession.GetLastReservedAsync"/> may answer any address of the set).
    /// </summary>
    /// <param name="lastReserved">The set's last reserved address, or <see langword="null"/>.</param>
    /// <returns>Every address of the set but the gateways, each once.</returns>
    public IEnumerable<IPAddress> CandidatesAfter(IPAddress? lastReserved)
        => RangeCursor.Candidates(this, lastReserved is null ? null : IPValue.From(lastReserved)).Select(candidate => candidate.Address.ToAddress());

    /// <summary>The set as host-local prints it: its ranges joined by commas.</summary>
    public override string ToString() => string.Join(',', _ranges.Select(r => r.ToString()));

    /// <inheritdoc/>
    public IEnumerator<IpamRange> GetEnumerator() => ((IEnumerable<IpamRange>)_ranges).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal IpamRange? RangeFor(IPValue address)
    {
        foreach (var range in _ranges)
        {
            if (range.Holds(address))
            {
                return range;
            }
        }

        return null;
    }

    internal int IndexOf(IpamRange range) => Array.IndexOf(_ranges, range);

    internal bool Overlaps(IpamRangeSet other)
    {
        foreach (var a in _ranges)
        {
            foreach (var b in other._ranges)
            {
                if (a.Overlaps(b))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
