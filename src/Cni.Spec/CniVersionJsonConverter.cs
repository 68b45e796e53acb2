using System.Text.Json;
using System.Text.Json.Serialization;
using Cni.Internal.Json;

namespace Cni;

/// <summary>
/// Reads and writes a <see cref="CniVersion"/> as its <c>"major.minor.patch"</c> string. It is public so
/// that a plugin's own source-generated <see cref="JsonSerializerContext"/> can use it for the
/// <see cref="NetworkConfig.CniVersion"/> member it inherits; an empty string reads as 0.1.0, as libcni does.
/// </summary>
public sealed class CniVersionJsonConverter : JsonConverter<CniVersion>
{
    /// <inheritdoc/>
    public override CniVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"cniVersion must be a string, not {JsonKinds.Describe(reader.TokenType)}");
        }

        var text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return CniVersion.V010;
        }

        return CniVersion.TryParse(text, out var version)
            ? version
            : throw new CniException(CniErrorCode.IncompatibleCniVersion, $"error parsing configuration: invalid cniVersion \"{text}\"");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, CniVersion value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, default, null);
        writer.WriteStringValue(buffer[..written]);
    }
}
