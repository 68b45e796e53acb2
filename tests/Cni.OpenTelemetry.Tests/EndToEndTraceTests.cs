using System.Diagnostics;
using System.Text;
using Cni.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cni.OpenTelemetry.Tests;

/// <summary>
/// The whole path, for real: the runtime side (<see cref="CniRuntime"/> in this process, exporting with its own
/// tracer provider) runs a network list of two cnit-traced plugins, the first delegating to a third process
/// as its IPAM; every plugin process exports with Cni.OpenTelemetry; the receiver holds one trace.
/// </summary>
public sealed class EndToEndTraceTests(ReceiverFixture fixture) : IDisposable
{
    private static readonly ActivitySource s_runtime = new(RuntimeSource);

    private const string RuntimeSource = "Cni.OpenTelemetry.Tests";

    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-otel-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_network_ADD_of_two_plugins_the_first_delegating_is_one_trace_across_four_processes()
    {
        var receiver = fixture.Receiver;
        var list = NetworkConfigList.Parse(Encoding.UTF8.GetBytes($$$"""
            {"cniVersion":"1.0.0","name":"cnit-otel","plugins":[
              {"type":"{{{TracedPlugin.Type}}}","ipam":{"type":"{{{TracedPlugin.Type}}}"}},
              {"type":"{{{TracedPlugin.Type}}}"} ] }
            """));
        var invoker = new CniPluginInvokerOptions();
        invoker.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString();
        var options = new CniRuntimeOptions { CacheDirectory = Path.Combine(_directory, "cache") };
        options.PluginPaths.Add(TracedPlugin.Directory);
        var runtime = new CniRuntime(options, new CniPluginInvoker(invoker));

        ActivityTraceId traceId;
        CniResult result;
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("cnit-runtime"))
            .AddSource(RuntimeSource, CniDiagnostics.ActivitySourceName)
            .AddOtlpExporter(exporter => (exporter.Endpoint, exporter.Protocol) = (receiver.GrpcEndpoint, OtlpExportProtocol.Grpc))
            .Build())
        {
            // The runtime's own span around the CNI call, as containerd has one for the pod sandbox.
            using (var sandbox = s_runtime.StartActivity("pod sandbox"))
            {
                traceId = sandbox!.TraceId;
                result = await runtime.AddAsync(list, new CniAttachmentRequest { ContainerId = "cnit-ctr", NetNs = "/var/run/netns/cnit-otel-does-not-exist", IfName = "eth0" }, TestContext.Current.CancellationToken);
            }

            tracing.ForceFlush();
        }

        var spans = await receiver.WaitForTraceAsync(traceId.ToHexString(), 8, TimeSpan.FromSeconds(30));

        Assert.Equal("10.99.0.2/24", Assert.Single(result.IPs).Address.ToString());
        Assert.Equal(
            """
            pod sandbox (cnit-runtime, internal)
              network ADD (cnit-runtime, internal)
                ADD cnit-traced (cnit-runtime, client)
                  ADD (cnit-traced, server)
                    ADD cnit-traced (cnit-traced, client)
                      ADD (cnit-traced, server)
                ADD cnit-traced (cnit-runtime, client)
                  ADD (cnit-traced, server)

            """.ReplaceLineEndings("\n"),
            SpanTree.Draw(spans));
        Assert.All(spans, s => Assert.Equal(traceId.ToHexString(), s.TraceId));
        await TraceFile.SaveAsync(receiver, traceId, "add-trace.json");
    }
}
