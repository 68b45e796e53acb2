using Cni.Testing;
using Cni.Tests.PluginHost;

namespace Cni.Tests.Observability;

/// <summary>The plugin host's instruments: commands by outcome, errors by code, and the duration of each command.</summary>
[Collection(nameof(ObservabilityTests))]
public sealed class PluginHostMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commands_are_counted_by_command_and_outcome_and_timed()
    {
        using var metrics = new InstrumentRecorder(CniDiagnostics.MeterName);
        var failing = PluginHostSpanTests.Plugin((_, _) => throw new CniException(CniErrorCode.TryAgainLater, "busy"));

        await TestPlugins.Recording().InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);
        await TestPlugins.Recording().InvokeAsync(TestPlugins.AddEnvironment("DEL"), TestPlugins.Config(), Ct);
        await failing.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);

        var commands = metrics.Of("cni.plugin.commands");
        Assert.Equal(3, commands.Count);
        Assert.All(commands, m => Assert.Equal(1, m.Value));
        Assert.All(commands, m => Assert.Equal("{command}", m.Unit));
        string[] inOrder = ["ADD success", "DEL success", "ADD error"];
        Assert.Equal(inOrder, commands.Select(m => $"{m.Tags["cni.command"]} {m.Tags["cni.outcome"]}"));

        var error = Assert.Single(metrics.Of("cni.plugin.errors"));
        Assert.Equal(1, error.Value);
        Assert.Equal("ADD", error.Tags["cni.command"]);
        Assert.Equal(11, error.Tags["cni.error.code"]);

        var durations = metrics.Of("cni.plugin.duration");
        Assert.Equal(3, durations.Count);
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.All(durations, m => Assert.InRange(m.Value, double.Epsilon, 60));
        object?[] outcomes = ["success", "success", "error"];
        Assert.Equal(outcomes, durations.Select(m => m.Tags["cni.outcome"]));
    }

    [Fact]
    public async Task VERSION_is_counted()
    {
        using var metrics = new InstrumentRecorder(CniDiagnostics.MeterName);

        await TestPlugins.Recording().InvokeAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "", Ct);

        var version = Assert.Single(metrics.Of("cni.plugin.commands"));
        Assert.Equal("VERSION", version.Tags["cni.command"]);
        Assert.Equal("success", version.Tags["cni.outcome"]);
        Assert.Empty(metrics.Of("cni.plugin.errors"));
    }
}
