using System.Diagnostics;

namespace Cni.OpenTelemetry.Tests;

/// <summary>A plugin process exports its span over either OTLP protocol, as the variables choose, under its caller's trace, with the service name they give.</summary>
public sealed class ProtocolTests(ReceiverFixture fixture)
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task The_plugins_span_reaches_the_receiver_as_a_child_of_TRACEPARENT(string protocol)
    {
        var receiver = fixture.Receiver;
        var (traceId, parent) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var endpoint = protocol == "grpc" ? receiver.GrpcEndpoint : receiver.HttpEndpoint;
        var environment = TracedPlugin.AddEnvironment(traceId, parent, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_SERVICE_NAME"] = "cnit-" + protocol.Replace('/', '-'),
        });

        var (output, _) = await TracedPlugin.AddAsync(environment);
        var span = Assert.Single(await fixture.Receiver.WaitForTraceAsync(traceId.ToHexString(), 1, TimeSpan.FromSeconds(30)));

        Assert.True(output.ExitCode == 0, output.ToString());
        Assert.Equal(("ADD", parent.ToHexString(), "cnit-" + protocol.Replace('/', '-'), CniDiagnostics.ActivitySourceName), (span.Name, span.ParentSpanId, span.ServiceName, span.ScopeName));
    }
}
