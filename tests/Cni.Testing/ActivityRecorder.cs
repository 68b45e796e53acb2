using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cni.Testing;

/// <summary>
/// Listens to the named activity sources with every span recorded, and keeps the spans that ended.
/// Listeners are process-wide: tests that use one run in a collection that disables parallelization.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    /// <summary>Starts listening.</summary>
    /// <param name="sourceNames">The sources to record, compared by name (a source compared by reference may be asked about while its static field is still null).</param>
    public ActivityRecorder(params string[] sourceNames)
    {
        var names = sourceNames.ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans of <paramref name="sourceName"/> that ended, in the order they ended.</summary>
    /// <param name="sourceName">The source.</param>
    /// <returns>The spans.</returns>
    public IReadOnlyList<Activity> Of(string sourceName) => [.. _stopped.Where(a => a.Source.Name == sourceName)];

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();
}
