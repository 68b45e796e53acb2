using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cni.Testing;

/// <summary>
/// Listens, with every span recorded, to the activity sources named (by name: a source is asked about
/// before a static field holding it is set) and to <see cref="CallerSource"/>, and keeps the spans that ended.
/// Listeners are process-wide: tests that use one run in a collection without parallelization.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private const string CallerSourceName = "Cni.Testing.Caller";

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly string[] _sources;

    /// <summary>Starts listening.</summary>
    /// <param name="sources">The names of the sources whose spans are kept.</param>
    public ActivityRecorder(params string[] sources)
    {
        _sources = sources;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CallerSourceName || _sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A source of the tests' own, for a span to be current around the code under test.</summary>
    public static ActivitySource CallerSource { get; } = new(CallerSourceName);

    /// <summary>The spans of the recorded sources that ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped.Where(a => _sources.Contains(a.Source.Name))];

    /// <summary>The spans of <paramref name="sourceName"/> that ended, in the order they ended.</summary>
    /// <param name="sourceName">The source.</param>
    /// <returns>The spans.</returns>
    public IReadOnlyList<Activity> Of(string sourceName) => [.. _stopped.Where(a => a.Source.Name == sourceName)];

    /// <summary>The ended spans named <paramref name="name"/> in the trace of <paramref name="traceId"/>.</summary>
    public IReadOnlyList<Activity> Named(string name, ActivityTraceId traceId) => [.. Spans.Where(a => a.OperationName == name && a.TraceId == traceId)];

    /// <summary>The one ended span named <paramref name="name"/> in the trace of <paramref name="traceId"/>.</summary>
    public Activity One(string name, ActivityTraceId traceId) => Assert.Single(Named(name, traceId));

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();
}
