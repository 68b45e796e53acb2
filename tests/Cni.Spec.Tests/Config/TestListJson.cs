using System.Text.Json.Serialization;

namespace Cni.Tests.Config;

/// <summary>Metadata for the small JSON values the list tests read.</summary>
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
internal sealed partial class TestListJson : JsonSerializerContext;
