using System.Text.Json;

namespace Cni.Internal.Invoke;

/// <summary>Reads the <c>cniVersion</c> member of a configuration or a result, as libcni's invoke does.</summary>
internal static class CniVersionJson
{
    /// <summary>
    /// The version a network configuration asks for, as libcni's <c>ConfigDecoder</c> reads it:
    /// missing or empty means 0.1.0; the member name matches in any case (Go struct decoding).
    /// </summary>
    /// <exception cref="CniException">Code 6: not JSON, not an object, or a <c>cniVersion</c> that is not a string.</exception>
    public static string ReadConfigVersion(ReadOnlySpan<byte> config)
    {
        string? version = null;
        try
        {
            var reader = new Utf8JsonReader(config);
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isVersion = string.Equals(reader.GetString(), "cniVersion", StringComparison.OrdinalIgnoreCase);
                    reader.Read();
                    if (!isVersion || reader.TokenType == JsonTokenType.Null)
                    {
                        reader.Skip();
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        version = reader.GetString();
                    }
                    else
                    {
                        ThrowHelper.ThrowDecodingFailure($"decoding version from network config: cniVersion is a {reader.TokenType}, not a string");
                    }
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                ThrowHelper.ThrowDecodingFailure($"decoding version from network config: the configuration is a {reader.TokenType}, not an object");
            }

            reader.Read();
        }
        catch (JsonException e)
        {
            ThrowHelper.ThrowDecodingFailure($"decoding version from network config: {e.Message}", e);
        }

        return string.IsNullOrEmpty(version) ? "0.1.0" : version;
    }

    /// <summary>
    /// The version a result states: its top-level <c>cniVersion</c> when that is a non-empty string,
    /// otherwise <see langword="null"/> (libcni then takes the configuration's version).
    /// </summary>
    /// <exception cref="CniException">Code 6: not a JSON object (<c>null</c> counts as an empty one).</exception>
    public static string? ReadResultVersion(ReadOnlySpan<byte> result)
    {
        string? version = null;
        try
        {
            var reader = new Utf8JsonReader(result);
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isVersion = reader.ValueTextEquals("cniVersion"u8);
                    reader.Read();
                    if (isVersion && reader.TokenType == JsonTokenType.String)
                    {
                        version = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                ThrowHelper.ThrowDecodingFailure($"failed to unmarshal raw result: the result is a {reader.TokenType}, not an object");
            }

            reader.Read();
        }
        catch (JsonException e)
        {
            ThrowHelper.ThrowDecodingFailure($"failed to unmarshal raw result: {e.Message}", e);
        }

        return string.IsNullOrEmpty(version) ? null : version;
    }
}
