using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cni;

/// <summary>
/// Reads and writes <see cref="IPCidr"/> as its CIDR string (<c>"10.22.0.5/24"</c>). <see cref="IPCidr"/>
/// names it in its <see cref="JsonConverterAttribute"/>, so a plugin's own source-generated context reads
/// <see cref="IPCidr"/> members without any setup; it is public so that generated code can create it.
/// </summary>
public sealed class IPCidrJsonConverter : JsonConverter<IPCidr>
{
    /// <inheritdoc/>
    public override IPCidr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected a CIDR string");
        }

        var text = reader.GetString();
        return IPCidr.TryParse(text, out var value) ? value : throw new JsonException($"invalid CIDR address {text}");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IPCidr value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[64];
        value.TryFormat(buffer, out var written, default, null);
        writer.WriteStringValue(buffer[..written]);
    }
}
