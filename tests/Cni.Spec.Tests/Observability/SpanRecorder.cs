using System.Diagnostics;
using Cni.Testing;

namespace Cni.Tests.Observability;

/// <summary>
/// Listens to Cni.Spec's activity source (and the tests' own, <see cref="TestSource"/>) with every
/// span recorded, and keeps the spans that ended.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    /// <summary>The tests' own source, for a span to be current around the code under test.</summary>
    public static readonly ActivitySource TestSource = new(TestSourceName);

    private const string TestSourceName = "Cni.Tests.Observability";

    private readonly ActivityRecorder _recorder = new(CniDiagnostics.ActivitySourceName, TestSourceName);

    /// <summary>The Cni.Spec spans that ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => _recorder.Of(CniDiagnostics.ActivitySourceName);

    /// <summary>The one ended Cni.Spec span named <paramref name="name"/>.</summary>
    public Activity Single(string name) => Assert.Single(Spans, a => a.OperationName == name);

    public void Dispose() => _recorder.Dispose();
}
