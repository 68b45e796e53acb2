using Cni.OpenTelemetry.Internal;

namespace Cni.OpenTelemetry;

/// <summary>Exporting a plugin's spans and metrics over OTLP from its short-lived process.</summary>
public static class CniOpenTelemetryExtensions
{
    /// <summary>
    /// Exports the plugin's spans and metrics (every <c>Cni.*</c> source and meter, and those named in
    /// <paramref name="configure"/>) over OTLP when the plugin's environment asks for it, the way OpenTelemetry
    /// SDKs read it: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or the per-signal <c>_TRACES_</c>/<c>_METRICS_</c>
    /// forms), <c>_PROTOCOL</c> (<c>grpc</c>, the default, or <c>http/protobuf</c>), <c>_HEADERS</c>,
    /// <c>_TIMEOUT</c>, <c>OTEL_TRACES_EXPORTER</c> and <c>OTEL_METRICS_EXPORTER</c> (<c>otlp</c> or
    /// <c>none</c>), <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_SDK_DISABLED</c>,
    /// <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c> (parent-based by default: a caller's span in
    /// <c>TRACEPARENT</c> that was not sampled exports no span, and no tracer provider is made for it).
    /// With no endpoint and no exporter variable set, nothing is exported and nothing of OpenTelemetry is
    /// created: the command runs as without this package. Otherwise the providers are created before the
    /// command's span starts and flushed once it is done, within <see cref="CniOpenTelemetryOptions.FlushTimeout"/>.
    /// </summary>
    /// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
    /// <param name="builder">The plugin's builder.</param>
    /// <param name="configure">Sets the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The builder.</returns>
    public static CniPluginBuilder<TConfig> AddOpenTelemetry<TConfig>(this CniPluginBuilder<TConfig> builder, Action<CniOpenTelemetryOptions>? configure = null)
        where TConfig : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new CniOpenTelemetryOptions();
        configure?.Invoke(options);
        builder.AddCommandScope(environment => ExportScope.Start(environment, options), options.FlushTimeout);
        return builder;
    }
}
