using System.Text.Json.Serialization.Metadata;

namespace Cni;

/// <summary>Where a plugin starts: <c>CniPlugin.CreateBuilder(MyJson.Default.MyConfig)</c>.</summary>
public static class CniPlugin
{
    /// <summary>Starts building a plugin whose configuration is read as <typeparamref name="TConfig"/>.</summary>
    /// <typeparam name="TConfig">The plugin's configuration class, derived from <see cref="NetworkConfig"/>.</typeparam>
    /// <param name="configTypeInfo">The type's metadata from the plugin's source-generated <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>A builder: register services, set the supported versions, then <see cref="CniPluginBuilder{TConfig}.Build"/>.</returns>
    public static CniPluginBuilder<TConfig> CreateBuilder<TConfig>(JsonTypeInfo<TConfig> configTypeInfo)
        where TConfig : NetworkConfig
    {
        ArgumentNullException.ThrowIfNull(configTypeInfo);
        return new CniPluginBuilder<TConfig>(configTypeInfo);
    }
}
