using Cni.OpenTelemetry.Internal;
using OpenTelemetry.Exporter;

namespace Cni.OpenTelemetry.Tests;

/// <summary>How the OTEL_* variables are read: when nothing is exported, endpoints, protocols, timeouts, the resource.</summary>
public sealed class ExporterSettingsTests
{
    private const string Sampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string NotSampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

    private static ExporterSettings? Read(Dictionary<string, string> environment, Action<CniOpenTelemetryOptions>? configure = null)
    {
        var options = new CniOpenTelemetryOptions();
        configure?.Invoke(options);
        return ExporterSettings.Read(name => environment.TryGetValue(name, out var value) ? value : null, options);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OTEL_SERVICE_NAME=x")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL=grpc")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT= ")]
    [InlineData("OTEL_SDK_DISABLED=true;OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317")]
    [InlineData("OTEL_SDK_DISABLED=TRUE;OTEL_TRACES_EXPORTER=otlp")]
    [InlineData("OTEL_TRACES_EXPORTER=none;OTEL_METRICS_EXPORTER=none;OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317")]
    [InlineData("OTEL_TRACES_EXPORTER=console;OTEL_METRICS_EXPORTER=prometheus;OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL=http/json;OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318")]
    public void Nothing_is_exported_without_an_endpoint_or_an_otlp_exporter_or_when_turned_off(string variables)
        => Assert.Null(Read(Parse(variables)));

    [Fact]
    public void OTLP_asked_for_without_an_endpoint_goes_to_the_protocols_default_port_on_localhost()
    {
        var grpc = Read(Parse("OTEL_TRACES_EXPORTER=otlp"))!;
        var http = Read(Parse("OTEL_METRICS_EXPORTER=otlp;OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"))!;

        Assert.Equal((new Uri("http://localhost:4317"), OtlpExportProtocol.Grpc), (grpc.Traces!.Endpoint, grpc.Traces.Protocol));
        Assert.Null(grpc.Metrics);
        Assert.Equal((new Uri("http://localhost:4318/v1/metrics"), OtlpExportProtocol.HttpProtobuf), (http.Metrics!.Endpoint, http.Metrics.Protocol));
        Assert.Null(http.Traces);
    }

    [Fact]
    public void The_general_endpoint_gets_the_signals_path_over_HTTP_and_a_signals_own_endpoint_is_used_as_given()
    {
        var settings = Read(Parse("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf;OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318/otlp;OTEL_EXPORTER_OTLP_METRICS_ENDPOINT=http://metrics:9090/ingest"))!;

        Assert.Equal(new Uri("http://collector:4318/otlp/v1/traces"), settings.Traces!.Endpoint);
        Assert.Equal(new Uri("http://metrics:9090/ingest"), settings.Metrics!.Endpoint);
    }

    [Fact]
    public void Per_signal_protocol_headers_and_timeout_win_over_the_general_ones_and_the_timeout_never_exceeds_the_budget()
    {
        var settings = Read(
            Parse("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317;OTEL_EXPORTER_OTLP_HEADERS=a=1;OTEL_EXPORTER_OTLP_TRACES_HEADERS=b=2;"
                + "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=http/protobuf;OTEL_EXPORTER_OTLP_TIMEOUT=250;OTEL_EXPORTER_OTLP_METRICS_TIMEOUT=60000"),
            options => options.FlushTimeout = TimeSpan.FromSeconds(2))!;

        Assert.Equal((OtlpExportProtocol.Grpc, "b=2", TimeSpan.FromMilliseconds(250)), (settings.Traces!.Protocol, settings.Traces.Headers, settings.Traces.Timeout));
        Assert.Equal((OtlpExportProtocol.HttpProtobuf, "a=1", TimeSpan.FromSeconds(2)), (settings.Metrics!.Protocol, settings.Metrics.Headers, settings.Metrics.Timeout));
        Assert.Equal(new Uri("http://collector:4317/v1/metrics"), settings.Metrics.Endpoint);
    }

    [Theory]
    [InlineData("", null, "Cni.OpenTelemetry.Tests")]
    [InlineData("", "from-code", "from-code")]
    [InlineData("OTEL_RESOURCE_ATTRIBUTES=service.name=from-attributes", "from-code", "from-attributes")]
    [InlineData("OTEL_SERVICE_NAME=from-variable;OTEL_RESOURCE_ATTRIBUTES=service.name=from-attributes", "from-code", "from-variable")]
    public void The_service_name_comes_from_the_operator_then_the_author_then_the_plugins_name(string variables, string? fromCode, string expected)
    {
        var environment = Parse(variables);
        environment["OTEL_TRACES_EXPORTER"] = "otlp";
        var settings = Read(environment, options => options.ServiceName = fromCode)!;

        Assert.Equal(new KeyValuePair<string, object>("service.name", expected), settings.Resource[0]);
        Assert.Single(settings.Resource, a => a.Key == "service.name");
    }

    [Fact]
    public void Resource_attributes_are_percent_decoded_and_malformed_pairs_skipped()
    {
        var settings = Read(Parse("OTEL_TRACES_EXPORTER=otlp;OTEL_RESOURCE_ATTRIBUTES=k8s.node.name=node%2C1, host.name = n1 ,broken,=nokey"))!;

        Assert.Equal(["k8s.node.name=node,1", "host.name=n1"], settings.Resource.Skip(1).Select(a => $"{a.Key}={a.Value}"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=cumulative", true)]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta", false)]
    public void Metrics_are_deltas_unless_cumulative_is_asked_for(string variables, bool cumulative)
    {
        var environment = Parse(variables);
        environment["OTEL_METRICS_EXPORTER"] = "otlp";
        Assert.Equal(cumulative, Read(environment)!.CumulativeMetrics);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT=not a url")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9;OTEL_EXPORTER_OTLP_HEADERS=no equals sign")]
    public void Settings_that_cannot_be_used_export_nothing_and_fail_nothing(string variables)
    {
        var environment = Parse(variables);
        Assert.Null(ExportScope.Start(name => environment.TryGetValue(name, out var value) ? value : null, new CniOpenTelemetryOptions()));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("TRACEPARENT=" + Sampled, true)]
    [InlineData("TRACEPARENT=" + NotSampled, false)]
    [InlineData("TRACEPARENT=not-a-traceparent", true)]
    [InlineData("OTEL_TRACES_SAMPLER=always_on;TRACEPARENT=" + NotSampled, true)]
    [InlineData("OTEL_TRACES_SAMPLER=always_off;TRACEPARENT=" + Sampled, false)]
    [InlineData("OTEL_TRACES_SAMPLER=Always_Off", false)]
    [InlineData("OTEL_TRACES_SAMPLER=traceidratio;OTEL_TRACES_SAMPLER_ARG=0;TRACEPARENT=" + Sampled, false)]
    [InlineData("OTEL_TRACES_SAMPLER=traceidratio;OTEL_TRACES_SAMPLER_ARG=0.25;TRACEPARENT=" + NotSampled, true)]
    [InlineData("OTEL_TRACES_SAMPLER=traceidratio;OTEL_TRACES_SAMPLER_ARG=banana", true)]
    [InlineData("OTEL_TRACES_SAMPLER=parentbased_always_on;TRACEPARENT=" + NotSampled, false)]
    [InlineData("OTEL_TRACES_SAMPLER=parentbased_always_off", false)]
    [InlineData("OTEL_TRACES_SAMPLER=parentbased_always_off;TRACEPARENT=" + Sampled, true)]
    [InlineData("OTEL_TRACES_SAMPLER=parentbased_traceidratio;OTEL_TRACES_SAMPLER_ARG=0", false)]
    [InlineData("OTEL_TRACES_SAMPLER=parentbased_traceidratio;OTEL_TRACES_SAMPLER_ARG=0;TRACEPARENT=" + Sampled, true)]
    [InlineData("OTEL_TRACES_SAMPLER=parentbased_traceidratio;OTEL_TRACES_SAMPLER_ARG=1;TRACEPARENT=" + NotSampled, false)]
    [InlineData("OTEL_TRACES_SAMPLER=jaeger_remote;TRACEPARENT=" + NotSampled, false)]
    public void Spans_are_not_exported_when_the_sampler_would_drop_every_one_and_metrics_still_are(string variables, bool spansExported)
    {
        var environment = Parse(variables);
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317";

        var settings = Read(environment)!;

        Assert.Equal(spansExported, settings.Traces is not null);
        Assert.NotNull(settings.Metrics);
    }

    [Fact]
    public void Nothing_of_OpenTelemetry_is_made_when_only_spans_are_asked_for_and_the_caller_was_not_sampled()
        => Assert.Null(Read(Parse($"OTEL_TRACES_EXPORTER=otlp;TRACEPARENT={NotSampled}")));

    // "A=1;B=2" -> variables; a value may itself hold '='.
    private static Dictionary<string, string> Parse(string variables)
        => variables.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);
}
