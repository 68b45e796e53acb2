using System.Globalization;

namespace Cni.Ipam.Internal.Rules;

/// <summary>
/// host-local's defaults and checks for a range and a range set (reference 1.1.1: <c>Range.Canonicalize</c>,
/// <c>RangeSet.Canonicalize</c>), with its messages.
/// </summary>
internal static class RangeRules
{
    public static IpamRangeSet Canonicalize(RangeSetInput input, int index)
    {
        var prefix = $"invalid range set {index.ToString(CultureInfo.InvariantCulture)}: ";
        if (input.Ranges.Count == 0)
        {
            ThrowHelper.ThrowIpam(prefix + "empty range set", input.Path);
        }

        var ranges = new IpamRange[input.Ranges.Count];
        for (var i = 0; i < ranges.Length; i++)
        {
            var path = input.Path == "ipam" ? input.Path : $"{input.Path}[{i.ToString(CultureInfo.InvariantCulture)}]";
            var error = TryCanonicalize(input.Ranges[i], out ranges[i]!);
            if (error is not null)
            {
                ThrowHelper.ThrowIpam(prefix + error, path);
            }

            if (i > 0 && ranges[i].Start.IsIPv4 != ranges[0].Start.IsIPv4)
            {
                ThrowHelper.ThrowIpam(prefix + "mixed address families", input.Path);
            }
        }

        for (var i = 0; i < ranges.Length - 1; i++)
        {
            for (var j = i + 1; j < ranges.Length; j++)
            {
                if (ranges[i].Overlaps(ranges[j]))
                {
                    ThrowHelper.ThrowIpam($"{prefix}subnets {ranges[i]} and {ranges[j]} overlap", input.Path);
                }
            }
        }

        return new IpamRangeSet(ranges);
    }

    private static string? TryCanonicalize(RangeInput input, out IpamRange? range)
    {
        range = null;
        if (input.Subnet is not { } subnet)
        {
            return "IP <nil> not v4 nor v6";
        }

        // No address to hand out in a /31 or /32 (IPv6 /127 or /128).
        if (subnet.PrefixLength > subnet.MaskBits - 2)
        {
            return $"Network {subnet} too small to allocate from";
        }

        if (subnet.Address.IsIPv4 != (subnet.MaskBits == 32))
        {
            return "IPNet IP and Mask version mismatch";
        }

        var address = subnet.Address;
        var mask = address.MaskOf(subnet.PrefixLength);
        var network = address with { Value = address.Value & mask };
        if (network != address)
        {
            return $"Network has host bits set. For a subnet mask of length {subnet.PrefixLength.ToString(CultureInfo.InvariantCulture)} the network address is {network}";
        }

        var first = network with { Value = network.Value + 1 };
        var gateway = input.Gateway ?? first;
        var start = input.RangeStart;
        var end = input.RangeEnd;
        if (start is { } s && !Contains(network, mask, s, start, end))
        {
            return $"RangeStart {s} not in network {subnet}";
        }

        start ??= first;
        if (end is { } e && !Contains(network, mask, e, start, end))
        {
            return $"RangeEnd {e} not in network {subnet}";
        }

        // The last address: before broadcast for IPv4, the very last one for IPv6.
        var last = network.Value | (~mask & network.Max);
        end ??= network with { Value = network.IsIPv4 ? last - 1 : last };
        range = new IpamRange(network, subnet.PrefixLength, start.Value, end.Value, gateway);
        return null;
    }

    private static bool Contains(IPValue network, UInt128 mask, IPValue address, IPValue? start, IPValue? end)
        => address.SameFamily(network)
        && (address.Value & mask) == network.Value
        && (start is not { } s || address >= s)
        && (end is not { } e || address <= e);
}
