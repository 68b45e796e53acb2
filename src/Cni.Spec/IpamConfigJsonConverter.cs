using System.Text.Json;
using System.Text.Json.Serialization;
using Cni.Internal.Json;

namespace Cni;

/// <summary>
/// Reads an <see cref="IpamConfig"/> from an <c>ipam</c> object and writes it back unchanged. It is
/// public so that a plugin's own source-generated <see cref="JsonSerializerContext"/> can use it.
/// </summary>
public sealed class IpamConfigJsonConverter : JsonConverter<IpamConfig>
{
    /// <inheritdoc/>
    public override IpamConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"ipam must be an object, not {JsonKinds.Describe(reader.TokenType)}");
        }

        return new IpamConfig(JsonElement.ParseValue(ref reader));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IpamConfig value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Json.WriteTo(writer);
    }
}
