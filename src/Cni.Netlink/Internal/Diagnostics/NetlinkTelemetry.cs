using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cni.Netlink.Internal.Diagnostics;

/// <summary>
/// Cni.Netlink's activity source and instruments, created once per process when first used. A span or a
/// measurement is built only when <see cref="ActivitySource.HasListeners"/> or the instrument's
/// <see cref="Instrument.Enabled"/> says something listens, so requests allocate nothing otherwise.
/// </summary>
internal static class NetlinkTelemetry
{
    // No version on the source and meter: reading the assembly's version attribute is reflection every
    // process would pay for.
    public static ActivitySource Source { get; } = new(NetlinkDiagnostics.ActivitySourceName);

    public static Meter Meter { get; } = new(NetlinkDiagnostics.MeterName);

    /// <summary>How long a traced request took, by operation and outcome.</summary>
    public static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram(
        "cni.netlink.request.duration",
        "s",
        "How long a netlink request took (links added, deleted, moved), by operation and outcome.",
        tags: null,
        // An address takes tens of microseconds, a bridge's deletion tens of milliseconds (the kernel waits for RCU).
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    /// <summary>Traced requests the kernel refused, by operation and errno.</summary>
    public static Counter<long> RequestErrors { get; } = Meter.CreateCounter<long>(
        "cni.netlink.request.errors", "{error}", "Netlink requests that failed, by operation and errno name.");

    /// <summary>How long a blocking wait took, by operation and outcome (matched, timed out, error).</summary>
    public static Histogram<double> WaitDuration { get; } = Meter.CreateHistogram(
        "cni.netlink.wait.duration",
        "s",
        "How long a blocking wait for a notification took, by operation and outcome.",
        tags: null,
        // A link comes up in milliseconds; IPv6 duplicate address detection takes seconds.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30] });
}
