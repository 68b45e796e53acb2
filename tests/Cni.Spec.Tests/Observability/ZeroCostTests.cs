using System.Diagnostics;
using Cni.Testing;
using Cni.Tests.PluginHost;

namespace Cni.Tests.Observability;

/// <summary>
/// Nothing listening, nothing built: no span object, the trace variables not even read, and a command
/// allocating exactly as much with trace context in its environment as without. The same run with
/// listeners allocates more, which shows the count sees the difference.
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class ZeroCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Version => new() { ["CNI_COMMAND"] = "VERSION" };

    private static Dictionary<string, string> VersionWithTraceContext => new()
    {
        ["CNI_COMMAND"] = "VERSION",
        ["TRACEPARENT"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ["TRACESTATE"] = "congo=t61rcWkgMzE",
        ["BAGGAGE"] = "tenant=blue,pod=web",
    };

    [Fact]
    public async Task Without_a_listener_a_handler_runs_with_no_activity()
    {
        var ran = false;
        Activity? current = null;
        var environment = TestPlugins.AddEnvironment();
        environment["TRACEPARENT"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var output = await TestPlugins.Recording(_ => (ran, current) = (true, Activity.Current)).InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.True(ran);
        Assert.Null(current);
    }

    [Fact]
    public void Without_a_listener_VERSION_allocates_the_same_with_or_without_trace_context()
    {
        var plugin = TestPlugins.Recording();

        var plain = AllocatedBy(plugin, Version);
        var withTraceContext = AllocatedBy(plugin, VersionWithTraceContext);

        long listened;
        using (new SpanRecorder())
        using (new InstrumentRecorder(CniDiagnostics.MeterName))
        {
            listened = AllocatedBy(plugin, VersionWithTraceContext);
        }

        Assert.Equal(plain, withTraceContext);
        Assert.True(listened > plain, $"a listened VERSION allocated {listened} bytes, an unlistened one {plain}");
        TestContext.Current.TestOutputHelper?.WriteLine($"VERSION in process: {plain} bytes without a listener, {listened} with span and measurement listeners");
    }

    // The fewest bytes of a few runs on this thread (VERSION completes synchronously), after one to warm up.
    // Only the run is counted: the token is read before (TestContext.Current allocates), the outcome checked after.
    private static long AllocatedBy(CniPlugin<HostTestConfig> plugin, Dictionary<string, string> environment)
    {
        var cancellationToken = Ct;
        Check(plugin.InvokeAsync(environment, "", cancellationToken));
        var fewest = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var run = plugin.InvokeAsync(environment, "", cancellationToken);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            Check(run);
        }

        return fewest;
    }

    private static void Check(Task<CniPluginOutput> run)
    {
        Assert.True(run.IsCompleted, "VERSION completes without awaiting");
        Assert.Equal(0, run.Result.ExitCode);
    }
}
