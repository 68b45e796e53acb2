namespace Cni.Testing;

/// <summary>One measurement an <see cref="InstrumentRecorder"/> saw: the instrument, its unit, the value and the tags.</summary>
public sealed record InstrumentMeasurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
