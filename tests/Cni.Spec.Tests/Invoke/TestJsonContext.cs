using System.Text.Json.Serialization;

namespace Cni.Tests.Invoke;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
