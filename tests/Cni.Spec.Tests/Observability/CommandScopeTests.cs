using System.Diagnostics;
using Cni.Testing;
using Cni.Tests.PluginHost;

namespace Cni.Tests.Observability;

/// <summary>
/// <see cref="CniPluginBuilder{TConfig}.AddCommandScope"/>: started from the plugin's environment before the
/// command's span (a listener it creates sees that span), stopped after the span ended and the metrics were
/// recorded; a stop that hangs is left behind at its timeout and one that throws changes nothing.
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class CommandScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CniPlugin<HostTestConfig> Plugin(Action<CniPluginBuilder<HostTestConfig>> configure, Action? onAdd = null)
    {
        var builder = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig);
        configure(builder);
        var plugin = builder.Build();
        plugin.OnAdd((request, _) =>
        {
            onAdd?.Invoke();
            var result = new CniResult();
            result.IPs.Add(new CniIPConfig { Address = IPCidr.Parse("10.9.0.5/24") });
            return Task.FromResult(result);
        });
        return plugin;
    }

    [Fact]
    public async Task A_scope_starts_before_the_commands_span_and_stops_after_the_span_ended_and_the_metrics_were_recorded()
    {
        string? seenEnvironment = null;
        Activity? current = null;
        int spansEndedAtStop = -1, commandsCountedAtStop = -1;
        SpanRecorder? spans = null;
        InstrumentRecorder? measurements = null;
        var plugin = Plugin(
            builder => builder.AddCommandScope(
                environment =>
                {
                    seenEnvironment = environment("CNI_CONTAINERID");
                    (spans, measurements) = (new SpanRecorder(), new InstrumentRecorder(CniDiagnostics.MeterName));
                    return new DisposeAction(() =>
                    {
                        (spansEndedAtStop, commandsCountedAtStop) = (spans.Spans.Count(s => s.OperationName == "ADD"), measurements.Of("cni.plugin.commands").Count);
                        spans.Dispose();
                        measurements.Dispose();
                    });
                },
                TimeSpan.FromSeconds(30)),
            onAdd: () => current = Activity.Current);

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("cnit-ctr1", seenEnvironment);
        Assert.Equal("ADD", current?.OperationName);
        Assert.Equal((1, 1), (spansEndedAtStop, commandsCountedAtStop));
    }

    [Fact]
    public async Task Scopes_stop_last_first_for_every_command_and_the_about_text_starts_none()
    {
        var events = new List<string>();
        IDisposable Scope(string name)
        {
            events.Add("start " + name);
            return new DisposeAction(() => events.Add("stop " + name));
        }

        var plugin = Plugin(builder =>
        {
            builder.AddCommandScope(_ => Scope("a"), TimeSpan.FromSeconds(30));
            builder.AddCommandScope(_ => null, TimeSpan.FromSeconds(30));
            builder.AddCommandScope(_ => Scope("b"), Timeout.InfiniteTimeSpan);
        });

        var about = await plugin.InvokeAsync(new Dictionary<string, string>(), "", Ct);
        var afterAbout = events.Count;
        var version = await plugin.InvokeAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "", Ct);

        Assert.Equal((0, 0), (about.ExitCode, version.ExitCode));
        Assert.Equal(0, afterAbout);
        Assert.Equal(["start a", "start b", "stop b", "stop a"], events);
    }

    [Fact]
    public async Task A_stop_that_throws_or_hangs_changes_neither_the_output_nor_the_exit_code_and_the_hang_is_left_behind()
    {
        using var release = new ManualResetEventSlim();
        var plain = await Plugin(_ => { }).InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);
        var plugin = Plugin(builder =>
        {
            builder.AddCommandScope(_ => new DisposeAction(() => throw new InvalidOperationException("the collector is gone")), TimeSpan.FromSeconds(30));
            builder.AddCommandScope(_ => new DisposeAction(() => release.Wait(TimeSpan.FromSeconds(60))), TimeSpan.FromMilliseconds(200));
        });

        var elapsed = Stopwatch.StartNew();
        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);
        elapsed.Stop();
        release.Set();

        Assert.Equal((plain.ExitCode, plain.Stdout, plain.Stderr), (output.ExitCode, output.Stdout, output.Stderr));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(30), $"the run took {elapsed.Elapsed} although the hanging stop was to be left behind after 0.2 s");
    }

    [Fact]
    public async Task A_start_that_throws_fails_the_command_and_stops_the_scopes_started_before_it()
    {
        var stopped = false;
        var plugin = Plugin(builder =>
        {
            builder.AddCommandScope(_ => new DisposeAction(() => stopped = true), TimeSpan.FromSeconds(30));
            builder.AddCommandScope(_ => throw new InvalidOperationException("no exporter"), TimeSpan.FromSeconds(30));
        });

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);

        Assert.Equal(1, output.ExitCode);
        Assert.Contains("\"code\": 999", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("no exporter", output.Stdout, StringComparison.Ordinal);
        Assert.True(stopped);
    }

    [Fact]
    public void A_negative_stop_timeout_is_refused()
    {
        var builder = CniPlugin.CreateBuilder();
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddCommandScope(_ => null, TimeSpan.FromSeconds(-1)));
    }
}
