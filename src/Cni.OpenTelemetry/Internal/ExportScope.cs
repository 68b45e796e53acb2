using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cni.OpenTelemetry.Internal;

/// <summary>
/// The tracer and meter providers of one command: created before the plugin host starts the command's span,
/// shut down (which exports what they hold) after the span has ended and the metrics were recorded.
/// </summary>
internal sealed class ExportScope : IDisposable
{
    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;
    private readonly TimeSpan _budget;

    private ExportScope(TracerProvider? tracing, MeterProvider? metrics, TimeSpan budget)
    {
        _tracing = tracing;
        _metrics = metrics;
        _budget = budget;
    }

    /// <summary>
    /// The plugin host's <see cref="CniPluginBuilder{TConfig}.AddCommandScope"/> start: nothing (and nothing of
    /// OpenTelemetry created) unless the environment asks for an export. A setting that cannot be used (an
    /// endpoint that is not a URL, headers not in <c>key=value</c> form) also means nothing: exporting must never
    /// fail the plugin's command.
    /// </summary>
    public static ExportScope? Start(Func<string, string?> environment, CniOpenTelemetryOptions options)
    {
        ExporterSettings? settings;
        try
        {
            settings = ExporterSettings.Read(environment, options);
        }
        catch (UriFormatException)
        {
            return null;
        }

        if (settings is null)
        {
            return null;
        }

        TracerProvider? tracing = null;
        MeterProvider? metrics = null;
        try
        {
            var resource = ResourceBuilder.CreateEmpty().AddAttributes(settings.Resource).AddTelemetrySdk();
            tracing = settings.Traces is { } traces ? CreateTracing(resource, traces, options) : null;
            metrics = settings.Metrics is { } meters ? CreateMetrics(resource, meters, settings.CumulativeMetrics, options) : null;
        }
#pragma warning disable CA1031 // The exporter refuses what it cannot use (headers not in key=value form, ...) by throwing; the command must run regardless.
        catch (Exception)
#pragma warning restore CA1031
        {
            tracing?.Dispose();
            metrics?.Dispose();
            return null;
        }

        return new ExportScope(tracing, metrics, options.FlushTimeout);
    }

    /// <summary>
    /// Exports what the providers hold, traces and metrics side by side, within the flush budget: each export
    /// request's own timeout is no longer than the budget, and the plugin host stops waiting when it is spent.
    /// </summary>
    /// <remarks>
    /// The exporters send synchronously and their HTTP client completes on the thread pool, so neither waits
    /// on a pool thread: two blocked pool threads on a two-core machine held the export up for a second, until
    /// the pool added a thread. Traces go on a thread of their own, metrics on this one (the host's stop thread).
    /// </remarks>
    public void Dispose()
    {
        var started = Stopwatch.GetTimestamp();
        var milliseconds = (int)_budget.TotalMilliseconds;
        Thread? traces = null;
        if (_tracing is { } tracing)
        {
            traces = new Thread(() => tracing.Shutdown(milliseconds)) { IsBackground = true, Name = "Cni.OpenTelemetry traces" };
            traces.Start();
        }

        _metrics?.Shutdown(milliseconds);
        var left = _budget - Stopwatch.GetElapsedTime(started);
        if (traces is null || traces.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
        {
            // Disposed only once shut down: disposing ends the exporters' HTTP clients under a request still running.
            _tracing?.Dispose();
            _metrics?.Dispose();
        }
    }

    private static TracerProvider CreateTracing(ResourceBuilder resource, SignalSettings settings, CniOpenTelemetryOptions options)
        => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. options.ActivitySources])
            .AddOtlpExporter(exporter => Configure(exporter, settings))
            .Build();

    private static MeterProvider CreateMetrics(ResourceBuilder resource, SignalSettings settings, bool cumulative, CniOpenTelemetryOptions options)
        => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. options.Meters])
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, settings);

                // One process, one command: exported once, when the scope ends. As deltas by default, so a
                // collector can add up runs of the same plugin that each start from zero.
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue;
                reader.TemporalityPreference = cumulative ? MetricReaderTemporalityPreference.Cumulative : MetricReaderTemporalityPreference.Delta;
            })
            .Build();

    private static void Configure(OtlpExporterOptions exporter, SignalSettings settings)
    {
        exporter.Endpoint = settings.Endpoint;
        exporter.Protocol = settings.Protocol;
        exporter.Headers = settings.Headers;
        exporter.TimeoutMilliseconds = (int)settings.Timeout.TotalMilliseconds;
    }
}
