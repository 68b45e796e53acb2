using System.Diagnostics;

namespace Cni.OpenTelemetry.Tests;

/// <summary>
/// A runtime that samples a share of its pods: a plugin whose caller's span was not sampled exports no span, nor
/// does the plugin it delegates to (the sampled flag travels with TRACEPARENT), and the result is the same.
/// </summary>
public sealed class SamplingTests(ReceiverFixture fixture)
{
    [Fact]
    public async Task A_caller_span_not_sampled_yields_no_span_from_the_plugin_or_its_delegate()
    {
        var receiver = fixture.Receiver;
        var otel = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString() };
        var (dropped, sampled) = (ActivityTraceId.CreateRandom(), ActivityTraceId.CreateRandom());
        var (notSampledOutput, _) = await TracedPlugin.AddAsync(TracedPlugin.AddEnvironment(dropped, ActivitySpanId.CreateRandom(), otel, sampled: false), delegating: true);
        var (sampledOutput, _) = await TracedPlugin.AddAsync(TracedPlugin.AddEnvironment(sampled, ActivitySpanId.CreateRandom(), otel), delegating: true);

        // Each plugin process exports before it exits: once the second ADD's spans are in, the first's would be.
        Assert.Equal(3, (await receiver.WaitForTraceAsync(sampled.ToHexString(), 3, TimeSpan.FromSeconds(30))).Count);
        Assert.Empty(await receiver.GetTraceAsync(dropped.ToHexString()));
        Assert.True(notSampledOutput.ExitCode == 0, notSampledOutput.ToString());
        Assert.Equal(sampledOutput.Stdout, notSampledOutput.Stdout);
    }
}
