using System.Text.Json.Serialization;
using Bridge;
using Ptp;

namespace Cni.Samples.Tests.Config;

/// <summary>
/// System.Text.Json's generated metadata for the samples' configuration types, what their generated readers
/// are compared with (test only: the plugins build none). Both come from the same [JsonPropertyName] properties.
/// </summary>
[JsonSerializable(typeof(BridgeConfig))]
[JsonSerializable(typeof(PtpConfig))]
internal sealed partial class GeneratedConfigJson : JsonSerializerContext;
