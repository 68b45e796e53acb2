using System.Reflection;
using Cni.Internal.Host;
using Microsoft.Extensions.DependencyInjection;

namespace Cni;

/// <summary>Configures a plugin before it runs: its services, the versions it speaks, its "about" line.</summary>
/// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
public sealed class CniPluginBuilder<TConfig>
    where TConfig : NetworkConfig
{
    private readonly ConfigParser<TConfig> _parseConfig;
    private readonly List<CommandScope> _commandScopes = [];

    internal CniPluginBuilder(ConfigParser<TConfig> parseConfig) => _parseConfig = parseConfig;

    /// <summary>
    /// The services handlers can use through <see cref="CniRequest{TConfig}.Services"/>. The host adds
    /// logging (<c>ILogger&lt;T&gt;</c>). A container is built for each run, so singletons live for one request.
    /// </summary>
    public IServiceCollection Services { get; } = new ServiceCollection();

    /// <summary>The spec versions the plugin accepts and reports to VERSION; every version by default.</summary>
    public SupportedVersions SupportedVersions { get; set; } = SupportedVersions.All;

    /// <summary>
    /// The first line printed on stderr when the plugin is run by hand without CNI_COMMAND, for example
    /// <c>CNI hello plugin v1.0</c>. Defaults to <c>CNI &lt;assembly name&gt; plugin version &lt;version&gt;</c>.
    /// </summary>
    public string? About { get; set; }

    /// <summary>
    /// Adds something the plugin's process starts for each command and stops when the command is done, such
    /// as a telemetry exporter (Cni.OpenTelemetry's <c>AddOpenTelemetry</c> is one). <paramref name="start"/>
    /// is called with the plugin's environment (the process's variables in <see cref="CniPlugin{TConfig}.RunAsync()"/>,
    /// the dictionary given to <see cref="CniPlugin{TConfig}.InvokeAsync"/>) after CNI_COMMAND is read and before
    /// the host starts the command's span, so a listener it creates sees that span; it returns what to stop, or
    /// <see langword="null"/> when it has nothing to do (keep that path cheap: it runs for every command,
    /// VERSION included). What it returned is disposed after the command's span has ended and its metrics were
    /// recorded, before the output is returned, scopes added later first. The about text (no CNI_COMMAND)
    /// starts none.
    /// </summary>
    /// <param name="start">Starts the scope from the environment lookup. An exception it throws fails the command, as a handler's does.</param>
    /// <param name="stopTimeout">
    /// How long disposing may hold up the plugin: past it the host goes on and the dispose is left running on a
    /// background thread, which does not keep the process alive. <see cref="Timeout.InfiniteTimeSpan"/> waits
    /// for it. What disposing throws is ignored: it never changes the plugin's result or exit code.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stopTimeout"/> is negative (other than infinite) or more than <see cref="int.MaxValue"/> milliseconds.</exception>
    public void AddCommandScope(Func<Func<string, string?>, IDisposable?> start, TimeSpan stopTimeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (stopTimeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(stopTimeout, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(stopTimeout, TimeSpan.FromMilliseconds(int.MaxValue));
        }

        _commandScopes.Add(new CommandScope(start, stopTimeout));
    }

    /// <summary>Freezes the configuration and returns the plugin, ready for its handlers.</summary>
    /// <returns>The plugin.</returns>
    public CniPlugin<TConfig> Build()
    {
        ArgumentNullException.ThrowIfNull(SupportedVersions);
        var about = About;

        // The default reads assembly attributes, reflection that would cost every run; only the about text needs it.
        return new CniPlugin<TConfig>(_parseConfig, [.. Services], [.. _commandScopes], SupportedVersions, string.IsNullOrEmpty(about) ? new Lazy<string>(DefaultAbout) : new Lazy<string>(about));
    }

    private static string DefaultAbout()
    {
        var assembly = Assembly.GetEntryAssembly();
        var version = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Source Link appends "+<commit>"; the about line shows the version people know.
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return $"CNI {assembly?.GetName().Name ?? "unknown"} plugin version {(plus > 0 ? version![..plus] : version ?? "unknown")}";
    }
}
