namespace Cni.Ipam;

/// <summary>
/// The names under which Cni.Ipam reports traces and metrics through <see cref="System.Diagnostics"/>: give
/// them to an <c>ActivityListener</c> or <c>MeterListener</c>, or to OpenTelemetry's <c>AddSource</c> and
/// <c>AddMeter</c>. Nothing is built while nothing listens. docs/observability.md lists the spans, instruments,
/// attributes and log messages.
/// </summary>
public static class IpamDiagnostics
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of <see cref="IpamAllocator"/>: a span per operation
    /// (<c>ipam ADD</c>, <c>ipam DEL</c>, ...) and, inside it, a span per store round trip (<c>ipam.store reserve</c>, ...).
    /// </summary>
    public const string ActivitySourceName = "Cni.Ipam";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> of <see cref="IpamAllocator"/>: how long operations take,
    /// addresses allocated and released, failures by error code, and range sets found exhausted.
    /// </summary>
    public const string MeterName = "Cni.Ipam";
}
