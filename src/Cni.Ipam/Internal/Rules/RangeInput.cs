namespace Cni.Ipam.Internal.Rules;

/// <summary>One range as parsed from the configuration, before host-local's defaults and checks.</summary>
internal sealed record RangeInput(CidrValue? Subnet, IPValue? RangeStart, IPValue? RangeEnd, IPValue? Gateway);
