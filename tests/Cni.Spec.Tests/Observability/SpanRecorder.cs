using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cni.Tests.Observability;

/// <summary>
/// Listens to Cni.Spec's activity source (and the tests' own, <see cref="TestSource"/>) with every
/// span recorded, and keeps the spans that ended.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    /// <summary>The tests' own source, for a span to be current around the code under test.</summary>
    public static readonly ActivitySource TestSource = new(TestSourceName);

    // By name, not by reference: the listener is asked about TestSource while its static field is still
    // being initialized (the field is null then), and an unheard source makes StartActivity return null.
    private const string TestSourceName = "Cni.Tests.Observability";

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CniDiagnostics.ActivitySourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The Cni.Spec spans that ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped.Where(a => a.Source.Name == CniDiagnostics.ActivitySourceName)];

    /// <summary>The one ended Cni.Spec span named <paramref name="name"/>.</summary>
    public Activity Single(string name) => Assert.Single(Spans, a => a.OperationName == name);

    public void Dispose() => _listener.Dispose();
}
