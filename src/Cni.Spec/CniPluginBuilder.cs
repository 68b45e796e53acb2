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

    /// <summary>Freezes the configuration and returns the plugin, ready for its handlers.</summary>
    /// <returns>The plugin.</returns>
    public CniPlugin<TConfig> Build()
    {
        ArgumentNullException.ThrowIfNull(SupportedVersions);
        var about = About;

        // The default reads assembly attributes, reflection that would cost every run; only the about text needs it.
        return new CniPlugin<TConfig>(_parseConfig, [.. Services], SupportedVersions, string.IsNullOrEmpty(about) ? new Lazy<string>(DefaultAbout) : new Lazy<string>(about));
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
