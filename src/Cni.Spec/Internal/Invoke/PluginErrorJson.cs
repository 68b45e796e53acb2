using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Cni.Internal.Invoke;

/// <summary>
/// Reads the error object (<c>code</c>, <c>msg</c>, <c>details</c>) a failing plugin prints on stdout,
/// with the leniency of Go's <c>json.Unmarshal</c> that libcni uses: member names match in any case,
/// other members are skipped, <c>null</c> leaves a member unset, and <c>null</c> alone is an empty error.
/// </summary>
internal static class PluginErrorJson
{
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out CniException? error, [NotNullWhen(false)] out string? problem)
    {
        error = null;
        try
        {
            problem = Read(json, out var code, out var message, out var details);
            if (problem is null)
            {
                error = new CniException(code, message, string.IsNullOrEmpty(details) ? null : details);
                return true;
            }

            return false;
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return false;
        }
    }

    private static string? Read(ReadOnlySpan<byte> json, out CniErrorCode code, out string message, out string? details)
    {
        code = CniErrorCode.Unknown;
        message = "";
        details = null;
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

                if (string.Equals(name, "code", StringComparison.OrdinalIgnoreCase))
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt32(out var value))
                    {
                        return $"the member \"{name}\" is not an unsigned integer";
                    }

                    code = (CniErrorCode)value;
                }
                else if (string.Equals(name, "msg", StringComparison.OrdinalIgnoreCase))
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return $"the member \"{name}\" is not a string";
                    }

                    message = reader.GetString()!;
                }
                else if (string.Equals(name, "details", StringComparison.OrdinalIgnoreCase))
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return $"the member \"{name}\" is not a string";
                    }

                    details = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            return $"cannot read {reader.TokenType} as an error object";
        }

        // Anything but white space after the value is a syntax error, as for Go; Read throws on it.
        return reader.Read() ? "unexpected data after the error object" : null;
    }
}
