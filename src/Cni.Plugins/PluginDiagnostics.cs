namespace Cni.Plugins;

/// <summary>
/// The names under which Cni.Plugins reports traces and metrics through <see cref="System.Diagnostics"/>:
/// give them to an <c>ActivitySource</c> listener or <c>MeterListener</c>, or to OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>. Spans cover the firewall rules a plugin writes (masquerade with
/// either backend, the spoof check, a pod network's outbound masquerade) and the rollback of a failed
/// ADD, with an event per step undone. docs/observability.md lists the spans, instruments, attributes
/// and log messages.
/// </summary>
public static class PluginDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of rule set-up and tear-down, and of rollbacks.</summary>
    public const string ActivitySourceName = "Cni.Plugins";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of rule durations and rollbacks.</summary>
    public const string MeterName = "Cni.Plugins";
}
