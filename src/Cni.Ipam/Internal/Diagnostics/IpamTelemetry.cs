using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cni.Ipam.Internal.Diagnostics;

/// <summary>
/// Cni.Ipam's activity source and instruments, created once per process when first used. A span or a
/// measurement is built only when <see cref="ActivitySource.HasListeners"/> or the instrument's
/// <see cref="Instrument.Enabled"/> says something listens.
/// </summary>
internal static class IpamTelemetry
{
    // No version on the source and meter: reading the assembly's version attribute is reflection every
    // plugin run would pay for.
    public static ActivitySource Source { get; } = new(IpamDiagnostics.ActivitySourceName);

    public static Meter Meter { get; } = new(IpamDiagnostics.MeterName);

    /// <summary>How long an allocator operation took, by command, outcome, network and store.</summary>
    public static Histogram<double> Duration { get; } = Meter.CreateHistogram(
        "cni.ipam.operation.duration",
        "s",
        "How long an IPAM operation took (ADD is the allocation latency), by command, outcome, network and store.",
        tags: null,
        // From tens of microseconds (the memory store) to seconds (a file lock held by another plugin, a remote store failing over).
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Addresses an ADD allocated, by network and store.</summary>
    public static Counter<long> Allocations { get; } = Meter.CreateCounter<long>(
        "cni.ipam.allocations", "{address}", "Addresses allocated, by network and store.");

    /// <summary>Addresses released, by the command that released them (ADD for a rollback), network and store.</summary>
    public static Counter<long> Releases { get; } = Meter.CreateCounter<long>(
        "cni.ipam.releases", "{address}", "Addresses released, by command (ADD: rolled back), network and store.");

    /// <summary>Operations that failed, by command, CNI error code, network and store.</summary>
    public static Counter<long> Errors { get; } = Meter.CreateCounter<long>(
        "cni.ipam.errors", "{error}", "IPAM operations that failed, by command, CNI error code, network and store.");

    /// <summary>Range sets found with no address left (ADD failing on one, or STATUS reporting one), by command, network and store.</summary>
    public static Counter<long> Exhausted { get; } = Meter.CreateCounter<long>(
        "cni.ipam.exhausted", "{range_set}", "Range sets found with no address left, by command, network and store.");
}
