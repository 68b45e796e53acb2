using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>The generated metadata for the standard keys alone: what the hand-written reader is compared with.</summary>
[JsonSerializable(typeof(NetworkConfig))]
internal sealed partial class StandardKeysJson : JsonSerializerContext;
