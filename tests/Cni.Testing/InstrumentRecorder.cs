using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cni.Testing;

/// <summary>Listens to every instrument of the meters named and keeps each measurement with its tags.</summary>
public sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<InstrumentMeasurement> _measurements = new();

    /// <summary>Starts listening.</summary>
    /// <param name="meters">The names of the meters whose instruments are enabled.</param>
    public InstrumentRecorder(params string[] meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of the instrument named <paramref name="instrument"/>, in the order they were made.</summary>
    /// <param name="instrument">The instrument's name.</param>
    /// <returns>The measurements.</returns>
    public IReadOnlyList<InstrumentMeasurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => _measurements.Enqueue(new InstrumentMeasurement(instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
}
