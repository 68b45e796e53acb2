using System.Text.Json.Serialization;

namespace Hello;

/// <summary>Source-generated JSON metadata for the configuration: no reflection, so NativeAOT needs nothing else.</summary>
[JsonSerializable(typeof(HelloConfig))]
internal sealed partial class HelloJson : JsonSerializerContext;
