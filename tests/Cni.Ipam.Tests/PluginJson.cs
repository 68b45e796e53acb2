using System.Text.Json.Serialization;

namespace Cni.Ipam.Tests;

[JsonSerializable(typeof(NetworkConfig))]
[JsonSerializable(typeof(PluginConfigWithIpamDefaults))]
internal sealed partial class PluginJson : JsonSerializerContext;
