using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni;

/// <summary>
/// Reads a <see cref="RuntimeConfig"/> from a <c>runtimeConfig</c> object and writes it back unchanged.
/// It is public so that a plugin's own source-generated <see cref="JsonSerializerContext"/> can use it.
/// </summary>
public sealed class RuntimeConfigJsonConverter : JsonConverter<RuntimeConfig>
{
    /// <inheritdoc/>
    public override RuntimeConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"runtimeConfig must be an object, not {reader.TokenType}");
        }

        return RuntimeConfig.FromJson(JsonElement.ParseValue(ref reader));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RuntimeConfig value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Json.WriteTo(writer);
    }
}
