namespace Cni.Netlink;

/// <summary>
/// The names under which Cni.Netlink reports traces and metrics through <see cref="System.Diagnostics"/>:
/// give them to an <c>ActivitySource</c> listener or <c>MeterListener</c>, or to OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>. Spans cover the requests worth seeing in a trace (links
/// created, deleted and moved to another namespace, blocking waits for notifications), not every read;
/// nothing is built, and requests still allocate nothing, while nothing listens. docs/observability.md
/// lists the spans, instruments and attributes.
/// </summary>
public static class NetlinkDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of link creation, deletion and moves, and of the monitor's blocking waits.</summary>
    public const string ActivitySourceName = "Cni.Netlink";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of request and wait durations and request failures by errno.</summary>
    public const string MeterName = "Cni.Netlink";
}
