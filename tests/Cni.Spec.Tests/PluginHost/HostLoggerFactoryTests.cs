using Cni.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cni.Tests.PluginHost;

/// <summary>
/// The logger factory the host registers when the plugin registered none: loggers straight onto the host's sink
/// (the configuration's log file or stderr, at its level), not Microsoft.Extensions.Logging's full factory.
/// </summary>
public sealed class HostLoggerFactoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Injected_loggers_write_into_the_configured_file_at_its_level()
    {
        using var log = new TempFile("cnit-log", ".log");
        var path = log.Path;
        object? factory = null;
        var plugin = Plugin((request, _) =>
        {
            factory = request.Services.GetRequiredService<ILoggerFactory>();
            var logger = request.Services.GetRequiredService<ILogger<HostLoggerFactoryTests>>();
            HostTestLog.Quiet(logger);
            HostTestLog.Loud(logger);
            return Task.CompletedTask;
        });
        var line = await HostTestLog.SingleLineOfDelAsync(plugin, path, Ct);

        Assert.Matches($@"^\d{{4}}-\S+Z warn {typeof(HostLoggerFactoryTests).FullName}: loud$", line);
        Assert.IsNotType<LoggerFactory>(factory);
    }

    [Fact]
    public async Task A_provider_added_to_the_factory_gets_the_lines_at_the_sinks_level_too()
    {
        var added = new LogRecorder();
        var plugin = Plugin((request, _) =>
        {
            var factory = request.Services.GetRequiredService<ILoggerFactory>();
            factory.AddProvider(added);
            var logger = factory.CreateLogger("extra");
            HostTestLog.Quiet(logger);
            HostTestLog.Loud(logger);
            return Task.CompletedTask;
        });

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment("DEL"), TestPlugins.Config(), Ct);

        // No log file: stderr, from warning on.
        Assert.Matches(@"^\S+Z warn extra: loud\n$", output.Stderr);
        var line = Assert.Single(added.Lines);
        Assert.Equal((LogLevel.Warning, "extra", "loud"), (line.Level, line.Category, line.Message));
    }

    [Fact]
    public async Task A_provider_added_after_a_logger_was_made_gets_that_loggers_lines()
    {
        var added = new LogRecorder();
        var plugin = Plugin((request, _) =>
        {
            // As a library's ILogger<T> resolved before the handler adds a provider.
            var logger = request.Services.GetRequiredService<ILogger<HostLoggerFactoryTests>>();
            HostTestLog.Loud(logger);
            request.Services.GetRequiredService<ILoggerFactory>().AddProvider(added);
            HostTestLog.Loud(logger);
            return Task.CompletedTask;
        });

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment("DEL"), TestPlugins.Config(), Ct);

        Assert.Equal(2, output.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var line = Assert.Single(added.Lines);
        Assert.Equal((LogLevel.Warning, typeof(HostLoggerFactoryTests).FullName, "loud"), (line.Level, line.Category, line.Message));
    }

    private static CniPlugin<HostTestConfig> Plugin(Func<CniRequest<HostTestConfig>, CancellationToken, Task> del)
    {
        var plugin = CniPlugin.CreateBuilder(() => HostTestJson.Default.HostTestConfig).Build();
        plugin.OnAdd((_, _) => Task.FromResult(new CniResult()));
        plugin.OnDel(del);
        return plugin;
    }
}
