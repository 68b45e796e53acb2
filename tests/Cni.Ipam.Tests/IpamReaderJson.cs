using System.Text.Json.Serialization;

namespace Cni.Ipam.Tests;

/// <summary>Generated metadata for the ipam object, case-insensitive as Go's decoder: what the hand-written reader is compared with.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HostLocalIpamConfig))]
internal sealed partial class IpamReaderJson : JsonSerializerContext;
