namespace Cni.Tests.Observability;

/// <summary>One measurement a <see cref="MeasurementRecorder"/> saw: the instrument, its unit, the value and the tags.</summary>
internal sealed record RecordedMeasurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
