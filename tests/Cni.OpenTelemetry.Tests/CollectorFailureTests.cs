using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cni.Testing;

namespace Cni.OpenTelemetry.Tests;

/// <summary>
/// Exporting is best effort: a collector that is not there, one that accepts and never answers, an export turned
/// off, none configured; the plugin's output and exit code are what they are without the exporter, and it exits
/// within the flush budget (1 s by default; the bound asserted is generous, a correctness check, not a timing).
/// </summary>
public sealed class CollectorFailureTests(ReceiverFixture fixture)
{
    // The export timeout the variables ask for is far longer than the budget, so only the budget can end a hang early.
    private static readonly TimeSpan s_longerThanAnyBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_generousBound = TimeSpan.FromSeconds(10);

    private static async Task<CniPluginOutput> WithoutExporterAsync()
    {
        var (output, _) = await TracedPlugin.AddAsync(TracedPlugin.AddEnvironment(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom()));
        Assert.True(output.ExitCode == 0, output.ToString());
        return output;
    }

    private static Dictionary<string, string> Otel(string endpoint, string protocol = "grpc") => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
        ["OTEL_EXPORTER_OTLP_TIMEOUT"] = ((int)s_longerThanAnyBound.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task An_unreachable_collector_changes_nothing_and_costs_at_most_the_budget(string protocol)
    {
        var port = LoopbackPorts.Take();
        var expected = await WithoutExporterAsync();
        var (output, elapsed) = await TracedPlugin.AddAsync(TracedPlugin.AddEnvironment(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), Otel($"http://127.0.0.1:{port}", protocol)));

        Assert.Equal((expected.ExitCode, expected.Stdout, expected.Stderr), (output.ExitCode, output.Stdout, output.Stderr));
        Assert.True(elapsed < s_generousBound, $"the plugin took {elapsed} with nobody listening");
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task A_collector_that_never_answers_changes_nothing_and_costs_at_most_the_budget(string protocol)
    {
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        var accepted = new List<Socket>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var accepting = AcceptForeverAsync(hung, accepted, stop.Token);

        var expected = await WithoutExporterAsync();
        var (output, elapsed) = await TracedPlugin.AddAsync(TracedPlugin.AddEnvironment(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), Otel($"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}", protocol)));
        await stop.CancelAsync();
        await accepting;
        accepted.ForEach(s => s.Dispose());

        Assert.Equal((expected.ExitCode, expected.Stdout, expected.Stderr), (output.ExitCode, output.Stdout, output.Stderr));
        Assert.NotEmpty(accepted);
        Assert.True(elapsed < s_generousBound, $"the plugin took {elapsed} with a collector that never answers (export timeout asked for: {s_longerThanAnyBound})");
    }

    // Accepts every connection and never reads or writes: a collector that hangs.
    private static async Task AcceptForeverAsync(TcpListener listener, List<Socket> accepted, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                accepted.Add(await listener.AcceptSocketAsync(stop));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Theory]
    [InlineData("OTEL_SDK_DISABLED", "true")]
    [InlineData("OTEL_TRACES_EXPORTER", "none")]
    public async Task Turned_off_nothing_reaches_the_receiver_and_the_output_is_unchanged(string variable, string value)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var otel = Otel(fixture.Receiver.GrpcEndpoint.ToString());
        otel[variable] = value;
        var expected = await WithoutExporterAsync();

        var (output, _) = await TracedPlugin.AddAsync(TracedPlugin.AddEnvironment(traceId, ActivitySpanId.CreateRandom(), otel));

        Assert.Equal((expected.ExitCode, expected.Stdout, expected.Stderr), (output.ExitCode, output.Stdout, output.Stderr));
        Assert.Empty(await fixture.Receiver.WaitForTraceAsync(traceId.ToHexString(), 1, TimeSpan.FromSeconds(3)));
    }
}
