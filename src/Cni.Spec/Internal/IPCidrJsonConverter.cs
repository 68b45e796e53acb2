using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni.Internal;

/// <summary>Reads and writes <see cref="IPCidr"/> as its CIDR string.</summary>
internal sealed class IPCidrJsonConverter : JsonConverter<IPCidr>
{
    public override IPCidr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected a CIDR string");
        }

        var text = reader.GetString();
        return IPCidr.TryParse(text, out var value) ? value : throw new JsonException($"invalid CIDR address {text}");
    }

    public override void Write(Utf8JsonWriter writer, IPCidr value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[64];
        value.TryFormat(buffer, out var written, default, null);
        writer.WriteStringValue(buffer[..written]);
    }
}
