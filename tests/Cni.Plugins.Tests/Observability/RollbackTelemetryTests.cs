using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Tests.Observability;

/// <summary>A rollback's log lines, its span with an event per step undone, and the rollbacks counter.</summary>
[Collection(nameof(ObservabilityTests))]
public sealed class RollbackTelemetryTests
{
    [Fact]
    public async Task A_rollback_is_logged_with_its_cause_and_steps_and_is_a_span_with_an_event_per_step()
    {
        var logger = new RecordingLogger();
        using var spans = new ActivityRecorder(PluginDiagnostics.ActivitySourceName);
        using var metrics = new InstrumentRecorder(PluginDiagnostics.MeterName);
        await using (var rollback = new Rollback(logger))
        {
            rollback.Add("delete veth cnit0", () => { });
            rollback.Add("release 10.1.0.5", () => { });
            rollback.RecordFailure(new CniException("failed to set up the container interface"));
        }

        Assert.Equal(
            [
                (LogLevel.Warning, "ADD failed (failed to set up the container interface): undoing 2 steps, newest first: release 10.1.0.5; delete veth cnit0"),
                (LogLevel.Information, "undoing ADD: release 10.1.0.5 done"),
                (LogLevel.Information, "undoing ADD: delete veth cnit0 done"),
            ],
            logger.Entries);
        var span = Assert.Single(spans.Of(PluginDiagnostics.ActivitySourceName));
        Assert.Equal("rollback", span.OperationName);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(2, span.GetTagItem("cni.rollback.steps"));
        Assert.Equal(0, span.GetTagItem("cni.rollback.failed_steps"));
        Assert.Equal("failed to set up the container interface", span.GetTagItem("cni.rollback.reason"));
        Assert.Equal(typeof(CniException).FullName, span.GetTagItem("error.type"));
        Assert.Equal(["release 10.1.0.5", "delete veth cnit0"], span.Events.Select(e => e.Tags.Single(t => t.Key == "cni.rollback.step").Value));
        Assert.All(span.Events, e => Assert.Equal("undo", e.Name));
        var counted = Assert.Single(metrics.Of("cni.plugins.rollbacks"));
        Assert.Equal("complete", counted.Tags["cni.plugins.outcome"]);
    }

    [Fact]
    public async Task A_step_that_fails_fails_the_span_and_makes_the_rollback_incomplete()
    {
        var logger = new RecordingLogger();
        using var spans = new ActivityRecorder(PluginDiagnostics.ActivitySourceName);
        using var metrics = new InstrumentRecorder(PluginDiagnostics.MeterName);
        await using (var rollback = new Rollback(logger))
        {
            rollback.Add("first", () => { });
            rollback.Add("second", () => throw new InvalidOperationException("boom"));
        }

        Assert.Equal((LogLevel.Warning, "ADD did not complete: undoing 2 steps, newest first: second; first"), logger.Entries[0]);
        Assert.Contains((LogLevel.Warning, "undoing ADD: second failed: boom"), logger.Entries);
        var span = Assert.Single(spans.Of(PluginDiagnostics.ActivitySourceName));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("1 of 2 undo steps failed", span.StatusDescription);
        Assert.Null(span.GetTagItem("error.type"));
        var failed = span.Events.First();
        Assert.Equal("error", failed.Tags.Single(t => t.Key == "cni.plugins.outcome").Value);
        Assert.Equal("boom", failed.Tags.Single(t => t.Key == "exception.message").Value);
        Assert.Equal("incomplete", Assert.Single(metrics.Of("cni.plugins.rollbacks")).Tags["cni.plugins.outcome"]);
    }

    [Fact]
    public async Task A_completed_ADD_logs_nothing_and_makes_no_span()
    {
        var logger = new RecordingLogger();
        using var spans = new ActivityRecorder(PluginDiagnostics.ActivitySourceName);
        await using (var rollback = new Rollback(logger))
        {
            rollback.Add("step", () => { });
            rollback.Complete();
        }

        Assert.Empty(logger.Entries);
        Assert.Empty(spans.Of(PluginDiagnostics.ActivitySourceName));
    }
}
