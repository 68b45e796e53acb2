namespace Cni.Ipam.Internal.Rules;

/// <summary>
/// host-local's round-robin walk over a range set, computed lazily with <see cref="UInt128"/> arithmetic so a
/// huge IPv6 range is never materialized: start just after the last reserved address (or at the first
/// range's start when that address is not in the set), go to the end of its range, continue with the next
/// range's start, wrap after the last range, and stop on returning to the first candidate. The gateway is
/// skipped.
/// </summary>
internal static class RangeCursor
{
    public static IEnumerable<(IPValue Address, IpamRange Range)> Candidates(IpamRangeSet set, IPValue? lastReserved)
    {
        var rangeIndex = 0;
        var current = set[0].Start;
        if (lastReserved is { } last && set.RangeFor(last) is { } holder)
        {
            rangeIndex = set.IndexOf(holder);
            (rangeIndex, current) = Successor(set, rangeIndex, last);
        }

        var firstRange = rangeIndex;
        var first = current;
        do
        {
            var range = set[rangeIndex];
            if (current != range.GatewayValue)
            {
                yield return (current, range);
            }

            (rangeIndex, current) = Successor(set, rangeIndex, current);
        }
        while (rangeIndex != firstRange || current != first);
    }

    private static (int RangeIndex, IPValue Address) Successor(IpamRangeSet set, int rangeIndex, IPValue address)
    {
        if (address == set[rangeIndex].End)
        {
            rangeIndex = (rangeIndex + 1) % set.Count;
            return (rangeIndex, set[rangeIndex].Start);
        }

        return (rangeIndex, address with { Value = address.Value + 1 });
    }
}
