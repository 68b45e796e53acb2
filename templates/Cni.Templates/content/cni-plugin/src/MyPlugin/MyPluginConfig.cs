using System.Text.Json;
using System.Text.Json.Serialization;
using Cni;

namespace MyPlugin;

/// <summary>
/// The plugin's configuration: the standard keys (cniVersion, name, type, ipam, dns, prevResult,
/// runtimeConfig, ...) come with <see cref="NetworkConfig"/>; this class adds the plugin's own. Each key
/// is named once, by its [JsonPropertyName]: Cni.Spec's source generator ([GenerateConfigReader]) writes
/// <c>Read</c> from them, so no System.Text.Json metadata is built at start-up, and a value of the wrong
/// JSON type is a code 6 error naming the key ("$.mtu must be a number, not a string").
/// </summary>
[GenerateConfigReader]
internal sealed partial class MyPluginConfig : NetworkConfig
{
    /// <summary>The container interface's MTU (<c>mtu</c>); 0 keeps the kernel's default.</summary>
    [JsonPropertyName("mtu")]
    public int Mtu { get; set; }

    /// <summary>Reads the plugin's own keys (the generated <c>Read</c>) and checks them before any handler runs.</summary>
    public static MyPluginConfig ReadAndValidate(JsonElement json)
    {
        var config = Read(json);
        if (config.Mtu < 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "MyPlugin: \"mtu\" must not be negative", $"mtu: {config.Mtu}");
        }

        return config;
    }
}
