using OpenTelemetry.Exporter;

namespace Cni.OpenTelemetry.Internal;

/// <summary>Where and how one signal (traces or metrics) is sent, as the OTEL_EXPORTER_OTLP_* variables say.</summary>
/// <param name="Endpoint">The full URL requests go to (for OTLP/HTTP with the signal's path, <c>/v1/traces</c> or <c>/v1/metrics</c>).</param>
/// <param name="Protocol">gRPC or OTLP/HTTP with protobuf.</param>
/// <param name="Headers">Request headers as the variables give them (<c>key=value,key2=value2</c>), or <see langword="null"/>.</param>
/// <param name="Timeout">How long one export may take: the variable's value, never more than the flush budget.</param>
internal sealed record SignalSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? Headers, TimeSpan Timeout)
{
    /// <summary>
    /// Reads one signal's settings: the signal's own variable (<c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>) before the
    /// general one (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), as the specification orders them. Returns <see langword="null"/>
    /// when the signal is not to be exported: its exporter variable says <c>none</c> (or only exporters other than
    /// <c>otlp</c>), or it is not set and no endpoint is, or the protocol is one the .NET exporter does not speak.
    /// </summary>
    /// <param name="environment">The plugin's environment.</param>
    /// <param name="signal">The signal's name in the variables: <c>TRACES</c> or <c>METRICS</c>.</param>
    /// <param name="path">The path OTLP/HTTP appends to the general endpoint: <c>v1/traces</c> or <c>v1/metrics</c>.</param>
    /// <param name="budget">The flush budget, which caps the export timeout.</param>
    public static SignalSettings? Read(Func<string, string?> environment, string signal, string path, TimeSpan budget)
    {
        var specificEndpoint = Value(environment, $"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT");
        var generalEndpoint = Value(environment, "OTEL_EXPORTER_OTLP_ENDPOINT");
        if (!IsExported(Value(environment, $"OTEL_{signal}_EXPORTER"), specificEndpoint ?? generalEndpoint))
        {
            return null;
        }

        OtlpExportProtocol? protocol = (Value(environment, $"OTEL_EXPORTER_OTLP_{signal}_PROTOCOL") ?? Value(environment, "OTEL_EXPORTER_OTLP_PROTOCOL")) switch
        {
            null or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => null, // http/json: the .NET exporter does not speak it.
        };
        if (protocol is not { } chosen)
        {
            return null;
        }

        var endpoint = specificEndpoint is not null ? new Uri(specificEndpoint)
            : chosen == OtlpExportProtocol.Grpc ? new Uri(generalEndpoint ?? "http://localhost:4317")
            : new Uri(WithTrailingSlash(generalEndpoint ?? "http://localhost:4318") + path);
        var headers = Value(environment, $"OTEL_EXPORTER_OTLP_{signal}_HEADERS") ?? Value(environment, "OTEL_EXPORTER_OTLP_HEADERS");
        var timeout = Milliseconds(Value(environment, $"OTEL_EXPORTER_OTLP_{signal}_TIMEOUT") ?? Value(environment, "OTEL_EXPORTER_OTLP_TIMEOUT"));
        return new SignalSettings(endpoint, chosen, headers, timeout is { } given && given < budget ? given : budget);
    }

    /// <summary>
    /// <c>OTEL_TRACES_EXPORTER</c> / <c>OTEL_METRICS_EXPORTER</c> name the exporters, comma-separated; only
    /// <c>otlp</c> is served here. Unset, the signal is exported only when an endpoint is set: a plugin runs on
    /// every node for every pod, and should not knock on localhost:4317 where nobody asked it to.
    /// </summary>
    private static bool IsExported(string? exporters, string? endpoint)
        => exporters is null
            ? endpoint is not null
            : exporters.Split(',', StringSplitOptions.TrimEntries).Contains("otlp", StringComparer.Ordinal);

    private static string WithTrailingSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private static TimeSpan? Milliseconds(string? value)
        => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    /// <summary>A variable's value, trimmed; <see langword="null"/> when it is unset or blank (the specification treats empty as unset).</summary>
    internal static string? Value(Func<string, string?> environment, string name)
        => environment(name)?.Trim() is { Length: > 0 } value ? value : null;
}
