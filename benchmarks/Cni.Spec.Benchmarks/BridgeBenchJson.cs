using System.Text.Json.Serialization;

namespace Cni.Benchmarks;

/// <summary>The benchmark's own source-generated context, as a plugin has one.</summary>
[JsonSerializable(typeof(BridgeBenchConfig))]
internal sealed partial class BridgeBenchJson : JsonSerializerContext;
