using System.Text.Json.Serialization;

namespace Cni.Ipam.Internal;

/// <summary>
/// Source-generated JSON metadata for <see cref="HostLocalIpamConfig"/>. Keys are matched
/// case-insensitively because the reference's Go decoder does.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HostLocalIpamConfig))]
internal sealed partial class IpamJsonContext : JsonSerializerContext;
