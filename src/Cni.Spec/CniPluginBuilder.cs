using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Cni;

/// <summary>Configures a plugin before it runs: its services, the versions it speaks, its "about" line.</summary>
/// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
public sealed class CniPluginBuilder<TConfig>
    where TConfig : NetworkConfig
{
    private readonly Func<JsonTypeInfo<TConfig>> _configTypeInfo;

    internal CniPluginBuilder(Func<JsonTypeInfo<TConfig>> configTypeInfo) => _configTypeInfo = configTypeInfo;

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
        return new CniPlugin<TConfig>(_configTypeInfo, [.. Services], SupportedVersions, string.IsNullOrEmpty(About) ? DefaultAbout() : About);
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
