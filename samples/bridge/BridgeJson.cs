using System.Text.Json.Serialization;

namespace Bridge;

/// <summary>Source-generated JSON metadata for the configuration: no reflection, so NativeAOT needs nothing else.</summary>
[JsonSerializable(typeof(BridgeConfig))]
internal sealed partial class BridgeJson : JsonSerializerContext;
