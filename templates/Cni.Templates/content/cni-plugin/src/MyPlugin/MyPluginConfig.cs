using System.Text.Json;
using Cni;

namespace MyPlugin;

/// <summary>
/// The plugin's configuration: the standard keys (cniVersion, name, type, ipam, dns, prevResult,
/// runtimeConfig, ...) come with <see cref="NetworkConfig"/>; this class adds the plugin's own.
/// </summary>
internal sealed class MyPluginConfig : NetworkConfig
{
    /// <summary>The container interface's MTU (<c>mtu</c>); 0 keeps the kernel's default.</summary>
    public int Mtu { get; set; }

    /// <summary>
    /// Reads the plugin's own keys by hand with <see cref="ConfigObject"/>, so no System.Text.Json
    /// metadata is built at start-up; the host reads the standard keys after this. A value of the
    /// wrong JSON type is a code 6 error naming the key ("$.mtu must be a number, not a string").
    /// </summary>
    public static MyPluginConfig Read(JsonElement json)
    {
        var keys = new ConfigObject(json);
        var config = new MyPluginConfig();
        config.Mtu = keys.GetInt32("mtu", config.Mtu);
        if (config.Mtu < 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "MyPlugin: \"mtu\" must not be negative", $"mtu: {config.Mtu}");
        }

        return config;
    }
}
