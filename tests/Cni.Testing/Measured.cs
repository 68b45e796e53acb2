namespace Cni.Testing;

/// <summary>One measurement an <see cref="InstrumentRecorder"/> saw: the instrument, its unit, the value and the tags.</summary>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Value">The value.</param>
/// <param name="Tags">The tags.</param>
public sealed record Measured(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
