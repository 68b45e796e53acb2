using System.Text.Json.Serialization;

namespace Cni.Internal;

/// <summary>Source-generated metadata for reading configurations whose plugin type is not known here.</summary>
[JsonSerializable(typeof(NetworkConfig))]
internal sealed partial class NetworkConfigJsonContext : JsonSerializerContext;
