using System.Text.Json.Serialization;

namespace Cni.Samples.Tests.Config;

/// <summary>The generated metadata the samples' hand readers are compared with (test only: the plugins have none).</summary>
[JsonSerializable(typeof(GeneratedBridgeConfig))]
[JsonSerializable(typeof(GeneratedPtpConfig))]
internal sealed partial class GeneratedConfigJson : JsonSerializerContext;
