using System.Text.Json;
using Cni.Internal.GoFormat;

namespace Cni.Internal.Invoke;

/// <summary>
/// Reads a plugin's answer to VERSION (<c>{"cniVersion":"1.0.0","supportedVersions":[...]}</c>)
/// with libcni's rules (<c>version.PluginDecoder</c>): both members required, except that a
/// 0.2.0 plugin without <c>supportedVersions</c> supports 0.1.0 and 0.2.0.
/// </summary>
internal static class VersionInfoJson
{
    private const string Prefix = "decoding version info: ";

    /// <exception cref="CniException">Code 6 with libcni's message when the answer cannot be used.</exception>
    public static PluginVersionInfo Read(ReadOnlySpan<byte> json)
    {
        string? cniVersion = null;
        List<string>? supported = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (string.Equals(name, "cniVersion", StringComparison.OrdinalIgnoreCase))
                    {
                        cniVersion = reader.TokenType == JsonTokenType.String
                            ? reader.GetString()
                            : throw new CniException(CniErrorCode.DecodingFailure, Prefix + "cniVersion is not a string");
                    }
                    else if (string.Equals(name, "supportedVersions", StringComparison.OrdinalIgnoreCase))
                    {
                        supported = ReadStrings(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                ThrowHelper.ThrowDecodingFailure($"{Prefix}the answer is a {reader.TokenType}, not an object");
            }

            reader.Read();
        }
        catch (JsonException e)
        {
            ThrowHelper.ThrowDecodingFailure(Prefix + e.Message, e);
        }

        if (string.IsNullOrWhiteSpace(cniVersion))
        {
            ThrowHelper.ThrowDecodingFailure(Prefix + "missing field cniVersion");
        }

        if (supported is null || supported.Count == 0)
        {
            if (cniVersion != "0.2.0")
            {
                ThrowHelper.ThrowDecodingFailure(Prefix + "missing field supportedVersions");
            }

            // libcni answers for such a plugin as if it had reported its own current version.
            return new PluginVersionInfo(CniVersion.Current, SupportedVersions.Of(CniVersion.V010, CniVersion.V020));
        }

        return new PluginVersionInfo(ParseVersion(cniVersion), SupportedVersions.Of(supported.Select(ParseVersion)));
    }

    private static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            ThrowHelper.ThrowDecodingFailure(Prefix + "supportedVersions is not an array");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                ThrowHelper.ThrowDecodingFailure(Prefix + "supportedVersions holds something other than strings");
            }

            values.Add(reader.GetString()!);
        }

        return values;
    }

    private static CniVersion ParseVersion(string text)
    {
        if (!CniVersion.TryParse(text, out var version))
        {
            ThrowHelper.ThrowDecodingFailure($"{Prefix}invalid version {GoQuote.Quote(text)}");
        }

        return version;
    }
}
