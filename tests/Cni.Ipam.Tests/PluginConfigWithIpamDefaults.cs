using System.Text.Json.Serialization;

namespace Cni.Ipam.Tests;

/// <summary>A plugin's own configuration that embeds host-local's IPAM type, read by the plugin's own context.</summary>
public sealed class PluginConfigWithIpamDefaults : NetworkConfig
{
    [JsonPropertyName("ipamDefaults")]
    public HostLocalIpamConfig? IpamDefaults { get; set; }
}
