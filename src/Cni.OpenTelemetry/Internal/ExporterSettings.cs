using System.Reflection;

namespace Cni.OpenTelemetry.Internal;

/// <summary>
/// What the plugin's environment asks to export, read before anything of OpenTelemetry is created: when
/// <see cref="Read"/> returns <see langword="null"/> the command runs with nothing listening, as without this package.
/// </summary>
internal sealed class ExporterSettings
{
    private ExporterSettings(SignalSettings? traces, SignalSettings? metrics, IReadOnlyList<KeyValuePair<string, object>> resource, bool cumulative)
    {
        Traces = traces;
        Metrics = metrics;
        Resource = resource;
        CumulativeMetrics = cumulative;
    }

    /// <summary>Where spans go, or <see langword="null"/> when they are not exported (also when the sampler would drop them all).</summary>
    public SignalSettings? Traces { get; }

    /// <summary>Where metrics go, or <see langword="null"/> when they are not exported.</summary>
    public SignalSettings? Metrics { get; }

    /// <summary>The resource's attributes, <c>service.name</c> first.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Resource { get; }

    /// <summary>Whether metrics are sent cumulative (asked for in the variable) rather than as deltas.</summary>
    public bool CumulativeMetrics { get; }

    /// <summary>
    /// Reads the settings; <see langword="null"/> when neither signal is exported (spans are not when the sampler
    /// would drop every one, see <see cref="TraceSampling"/>) or <c>OTEL_SDK_DISABLED</c> is true.
    /// </summary>
    /// <param name="environment">The plugin's environment.</param>
    /// <param name="options">What the plugin's author configured.</param>
    /// <exception cref="UriFormatException">An endpoint variable is not a URL.</exception>
    public static ExporterSettings? Read(Func<string, string?> environment, CniOpenTelemetryOptions options)
    {
        if (string.Equals(SignalSettings.Value(environment, "OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var traces = TraceSampling.NothingSampled(environment) ? null : SignalSettings.Read(environment, "TRACES", "v1/traces", options.FlushTimeout);
        var metrics = SignalSettings.Read(environment, "METRICS", "v1/metrics", options.FlushTimeout);
        if (traces is null && metrics is null)
        {
            return null;
        }

        var attributes = ResourceAttributes.Parse(SignalSettings.Value(environment, "OTEL_RESOURCE_ATTRIBUTES"));
        var serviceName = SignalSettings.Value(environment, "OTEL_SERVICE_NAME")
            ?? attributes.FirstOrDefault(a => a.Key == ResourceAttributes.ServiceName).Value as string
            ?? options.ServiceName
            ?? Assembly.GetEntryAssembly()?.GetName().Name
            ?? "cni-plugin";
        var resource = new List<KeyValuePair<string, object>> { new(ResourceAttributes.ServiceName, serviceName) };
        resource.AddRange(attributes.Where(a => a.Key != ResourceAttributes.ServiceName));
        var cumulative = string.Equals(SignalSettings.Value(environment, "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE"), "cumulative", StringComparison.OrdinalIgnoreCase);
        return new ExporterSettings(traces, metrics, resource, cumulative);
    }
}
