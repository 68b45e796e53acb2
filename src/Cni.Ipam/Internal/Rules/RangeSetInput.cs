namespace Cni.Ipam.Internal.Rules;

/// <summary>One range set as parsed, with the configuration key it came from (for error details).</summary>
internal sealed record RangeSetInput(string Path, IReadOnlyList<RangeInput> Ranges);
