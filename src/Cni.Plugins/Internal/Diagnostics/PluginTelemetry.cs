using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cni.Plugins.Internal.Diagnostics;

/// <summary>
/// Cni.Plugins' activity source and instruments, created once per process when first used, and the
/// span around a set of rules written. A span is built only when something listens to the source.
/// </summary>
internal static class PluginTelemetry
{
    // No version on the source and meter: reading the assembly's version attribute is reflection every
    // plugin run would pay for.
    public static ActivitySource Source { get; } = new(PluginDiagnostics.ActivitySourceName);

    public static Meter Meter { get; } = new(PluginDiagnostics.MeterName);

    /// <summary>How long writing or removing a set of firewall rules took (each runs iptables or nft), by operation and outcome.</summary>
    public static Histogram<double> RulesDuration { get; } = Meter.CreateHistogram(
        "cni.plugins.rules.duration",
        "s",
        "How long writing or removing firewall rules took, by operation and outcome.",
        tags: null,
        // One nft run takes milliseconds; iptables waiting on the xtables lock can take seconds.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Rollbacks of a failed ADD, by outcome: every step undone, or some failed.</summary>
    public static Counter<long> Rollbacks { get; } = Meter.CreateCounter<long>(
        "cni.plugins.rollbacks", "{rollback}", "Rollbacks of a failed ADD, by outcome (complete: every step undone; incomplete: some step failed).");

    /// <summary>
    /// Runs <paramref name="work"/> (rules written or removed) inside a span named <paramref name="operation"/>,
    /// tagged with <paramref name="tags"/> when recorded, failed with the error's message when it throws; its
    /// duration recorded by operation and outcome.
    /// </summary>
    public static async Task TraceRulesAsync(string operation, Func<Task> work, params KeyValuePair<string, object?>[] tags)
    {
        using var activity = Source.HasListeners() ? Source.StartActivity(operation) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PluginTags.Operation, operation);
            foreach (var (name, value) in tags)
            {
                activity.SetTag(name, value);
            }
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            RecordDuration(operation, started, PluginTags.Error);
            throw;
        }

        RecordDuration(operation, started, PluginTags.Success);
    }

    /// <summary>A tag for <see cref="TraceRulesAsync"/>.</summary>
    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    private static void RecordDuration(string operation, long started, string outcome)
    {
        if (RulesDuration.Enabled)
        {
            RulesDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, Tag(PluginTags.Operation, operation), Tag(PluginTags.Outcome, outcome));
        }
    }
}
