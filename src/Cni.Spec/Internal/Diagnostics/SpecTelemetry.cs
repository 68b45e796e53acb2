using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cni.Internal.Diagnostics;

/// <summary>
/// Cni.Spec's activity source and instruments, created once per process when first used. A span or a
/// measurement is built only when <see cref="ActivitySource.HasListeners"/> or the instrument's
/// <see cref="Instrument.Enabled"/> says something listens.
/// </summary>
internal static class SpecTelemetry
{
    // No version on the source and meter: reading the assembly's version attribute is reflection every
    // plugin run would pay for.
    public static ActivitySource Source { get; } = new(CniDiagnostics.ActivitySourceName);

    public static Meter Meter { get; } = new(CniDiagnostics.MeterName);

    /// <summary>Commands the plugin host ran, tagged with the command and the outcome.</summary>
    public static Counter<long> Commands { get; } = Meter.CreateCounter<long>(
        "cni.plugin.commands", "{command}", "Commands the plugin host ran, by command and outcome.");

    /// <summary>Commands that ended in the spec's error document, tagged with the command and the error code.</summary>
    public static Counter<long> Errors { get; } = Meter.CreateCounter<long>(
        "cni.plugin.errors", "{error}", "Commands that failed, by command and CNI error code.");

    /// <summary>How long a command took inside the plugin host, from reading CNI_COMMAND to the output written.</summary>
    public static Histogram<double> Duration { get; } = Meter.CreateHistogram(
        "cni.plugin.duration",
        "s",
        "How long the plugin host took for a command, by command and outcome.",
        tags: null,
        // A command takes from a millisecond (VERSION) to seconds (an IPAM plugin waiting on a lock or a store).
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
}
