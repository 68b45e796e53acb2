namespace Cni;

/// <summary>One plugin of a <see cref="NetworkConfigList"/>: its JSON as written in the list, and its standard keys.</summary>
public sealed class PluginConfig
{
    internal PluginConfig(NetworkConfig network, ReadOnlyMemory<byte> json)
    {
        Network = network;
        Json = json;
    }

    /// <summary>
    /// The standard keys of this plugin's configuration, with <see cref="NetworkConfig.Name"/> and
    /// <see cref="NetworkConfig.CniVersion"/> taken from the list, as libcni injects them when it runs the plugin.
    /// </summary>
    public NetworkConfig Network { get; }

    /// <summary>The plugin's object exactly as written in the list's <c>plugins</c> (UTF-8 JSON), before any injection.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The plugin to run (<c>type</c>).</summary>
    public string Type => Network.Type;
}
