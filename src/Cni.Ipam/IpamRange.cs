using System.Net;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam;

/// <summary>
/// A validated range of a range set: a subnet, the first and last address to hand out and a gateway,
/// with host-local's defaults filled in (see docs/ipam.md).
/// </summary>
public sealed class IpamRange
{
    internal IpamRange(IPValue network, int prefixLength, IPValue start, IPValue end, IPValue gateway)
    {
        NetworkValue = network;
        PrefixLength = prefixLength;
        Start = start;
        End = end;
        GatewayValue = gateway;
    }

    /// <summary>The subnet (its network address and prefix length).</summary>
    public IPCidr Subnet => new(NetworkValue.ToAddress(), PrefixLength);

    /// <summary>The first address handed out (inclusive).</summary>
    public IPAddress RangeStart => Start.ToAddress();

    /// <summary>The last address handed out (inclusive).</summary>
    public IPAddress RangeEnd => End.ToAddress();

    /// <summary>The gateway: never handed out, and reported with every address of this range.</summary>
    public IPAddress Gateway => GatewayValue.ToAddress();

    /// <summary>How many addresses this range can hand out: <see cref="RangeStart"/> to <see cref="RangeEnd"/>, less the gateway when it lies between them.</summary>
    public UInt128 Capacity => End.Value - Start.Value + 1 - (Holds(GatewayValue) ? UInt128.One : UInt128.Zero);

    internal IPValue NetworkValue { get; }

    internal int PrefixLength { get; }

    internal IPValue Start { get; }

    internal IPValue End { get; }

    internal IPValue GatewayValue { get; }

    /// <summary>Whether <paramref name="address"/> is in the subnet and between <see cref="RangeStart"/> and <see cref="RangeEnd"/>.</summary>
    /// <param name="address">Any address; IPv4-mapped IPv6 counts as IPv4.</param>
    public bool Contains(IPAddress address) => Holds(IPValue.From(address));

    /// <summary>The range as host-local prints it: <c>start-end</c>.</summary>
    public override string ToString() => $"{Start}-{End}";

    internal bool Holds(IPValue address)
        => address.SameFamily(NetworkValue)
        && (address.Value & NetworkValue.MaskOf(PrefixLength)) == NetworkValue.Value
        && address >= Start
        && address <= End;

    internal bool Overlaps(IpamRange other)
        => Start.SameFamily(other.Start)
        && (Holds(other.Start) || Holds(other.End) || other.Holds(Start) || other.Holds(End));
}
