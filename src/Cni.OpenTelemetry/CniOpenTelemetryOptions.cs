namespace Cni.OpenTelemetry;

/// <summary>
/// What the plugin's author sets for <see cref="CniOpenTelemetryExtensions.AddOpenTelemetry{TConfig}"/>. Where the
/// telemetry goes is the operator's choice, made with the standard <c>OTEL_*</c> variables in the plugin's
/// environment (docs/observability.md, "Exporting from a plugin").
/// </summary>
public sealed class CniOpenTelemetryOptions
{
    /// <summary>
    /// The service name when neither <c>OTEL_SERVICE_NAME</c> nor <c>service.name</c> in
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c> gives one. <see langword="null"/> (the default) means the plugin's
    /// assembly name, for the samples the plugin's type (<c>bridge</c>, <c>host-local</c>).
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>
    /// The activity sources whose spans are exported: every Cni package's by default (<c>Cni.*</c>). Add your
    /// plugin's own; a trailing <c>*</c> matches any name with that prefix.
    /// </summary>
    public IList<string> ActivitySources { get; } = ["Cni.*"];

    /// <summary>The meters whose instruments are exported: every Cni package's by default (<c>Cni.*</c>). Add your plugin's own.</summary>
    public IList<string> Meters { get; } = ["Cni.*"];

    /// <summary>
    /// The most the export may add to the plugin's run once the command is done, one second by default: an
    /// unreachable or hung collector costs at most this, and never changes the result or the exit code.
    /// <c>OTEL_EXPORTER_OTLP_TIMEOUT</c> (and its per-signal forms) can make each export's timeout shorter, not longer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less, or to more than <see cref="int.MaxValue"/> milliseconds.</exception>
    public TimeSpan FlushTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMilliseconds(int.MaxValue));
            field = value;
        }
    }
    = TimeSpan.FromSeconds(1);
}
