namespace Cni;

/// <summary>
/// The names under which Cni.Spec reports traces and metrics through <see cref="System.Diagnostics"/>:
/// give them to an <c>ActivityListener</c> or <c>MeterListener</c>, or to OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>. Each package of the SDK reports under its own name, the
/// package's id (<c>Cni.Spec</c> here). Nothing is built while nothing listens. docs/observability.md
/// lists the spans, instruments and attributes, and how trace context crosses from runtime to plugin
/// (<c>TRACEPARENT</c>, <c>TRACESTATE</c>, <c>BAGGAGE</c>).
/// </summary>
public static class CniDiagnostics
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of the plugin host (one span per command a plugin
    /// runs), the invoker (a span per delegated plugin) and the runtime side (a span per network
    /// operation and per plugin it runs).
    /// </summary>
    public const string ActivitySourceName = "Cni.Spec";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> of the plugin host: commands by outcome, errors by
    /// code, and how long commands take.
    /// </summary>
    public const string MeterName = "Cni.Spec";
}
