using System.Text.Json.Serialization;

namespace Ptp;

/// <summary>Source-generated JSON metadata for the configuration: no reflection, so NativeAOT needs nothing else.</summary>
[JsonSerializable(typeof(PtpConfig))]
internal sealed partial class PtpJson : JsonSerializerContext;
