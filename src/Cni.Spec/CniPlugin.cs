using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cni.Internal.Config;

namespace Cni;

/// <summary>Where a plugin starts: <c>CniPlugin.CreateBuilder(MyConfig.Read)</c>, or <c>CniPlugin.CreateBuilder(() =&gt; MyJson.Default.MyConfig)</c>.</summary>
public static class CniPlugin
{
    /// <summary>Starts building a plugin whose configuration is read as <typeparamref name="TConfig"/>.</summary>
    /// <typeparam name="TConfig">The plugin's configuration class, derived from <see cref="NetworkConfig"/>.</typeparam>
    /// <param name="configTypeInfo">
    /// Gets the type's metadata from the plugin's source-generated <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.
    /// A function, called only when a configuration is read: building JSON metadata takes longer
    /// than the whole VERSION command, which the host answers without it.
    /// </param>
    /// <returns>A builder: register services, set the supported versions, then <see cref="CniPluginBuilder{TConfig}.Build"/>.</returns>
    public static CniPluginBuilder<TConfig> CreateBuilder<TConfig>(Func<JsonTypeInfo<TConfig>> configTypeInfo)
        where TConfig : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(configTypeInfo);
        return new CniPluginBuilder<TConfig>((_, stdin) => NetworkConfig.Parse(stdin, configTypeInfo()));
    }

    /// <summary>
    /// Starts building a plugin whose configuration is read as <typeparamref name="TConfig"/> without
    /// System.Text.Json metadata to build at start-up, by the reader <see cref="GenerateConfigReaderAttribute"/>
    /// generates or one written by hand (see <see cref="NetworkConfig.Parse{T}(ReadOnlySpan{byte}, Func{JsonElement, T})"/>).
    /// </summary>
    /// <typeparam name="TConfig">The plugin's configuration class, derived from <see cref="NetworkConfig"/>.</typeparam>
    /// <param name="create">
    /// Reads the plugin's own keys from the configuration's root object (the generated <c>MyConfig.Read</c>,
    /// or a method written with <see cref="ConfigObject"/>) and returns a new <typeparamref name="TConfig"/>;
    /// the host fills in the standard keys after it.
    /// </param>
    /// <returns>A builder: register services, set the supported versions, then <see cref="CniPluginBuilder{TConfig}.Build"/>.</returns>
    public static CniPluginBuilder<TConfig> CreateBuilder<TConfig>(Func<JsonElement, TConfig> create)
        where TConfig : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(create);
        return new CniPluginBuilder<TConfig>((document, _) => NetworkConfigReader.Read(document, create));
    }

    /// <summary>
    /// Starts building a plugin that reads only the standard keys (<see cref="NetworkConfig"/>), as an IPAM
    /// plugin does, whose own settings are under <c>ipam</c>. The configuration is read as
    /// <see cref="NetworkConfig.Parse(ReadOnlySpan{byte})"/> reads it, with no System.Text.Json metadata to build at start-up.
    /// </summary>
    /// <returns>A builder: register services, set the supported versions, then <see cref="CniPluginBuilder{TConfig}.Build"/>.</returns>
    public static CniPluginBuilder<NetworkConfig> CreateBuilder() => new((document, _) => NetworkConfigReader.Read(document, static _ => new NetworkConfig()));
}
