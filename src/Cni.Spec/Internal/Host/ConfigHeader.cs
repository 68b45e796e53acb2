using System.Text.Json;

namespace Cni.Internal.Host;

/// <summary>
/// What the plugin host reads from the configuration before any handler runs: the members it validates
/// (<c>name</c>, <c>cniVersion</c>), <c>prevResult</c>, and the logging keys, with skel's decoding errors.
/// </summary>
internal sealed class ConfigHeader
{
    private const string UnmarshalPrefix = "error unmarshall network config: ";

    public string? Name { get; private set; }

    /// <summary>The <c>cniVersion</c> text; <see langword="null"/> when absent.</summary>
    public string? CniVersion { get; private set; }

    /// <summary>Set when <c>cniVersion</c> is not a string: the JSON kind found, in Go's words.</summary>
    public string? CniVersionKind { get; private set; }

    /// <summary>The <c>prevResult</c> value; <see langword="null"/> when absent or null.</summary>
    public JsonElement? PrevResult { get; private set; }

    /// <summary>The <c>logFile</c> key: a file to append log lines to instead of stderr.</summary>
    public string? LogFile { get; private set; }

    /// <summary>The <c>logLevel</c> key: the least severe level written.</summary>
    public string? LogLevel { get; private set; }

    /// <summary>Reads the parsed stdin (<see cref="StdinDocument"/>); throws code 6 for a <c>name</c> that is not a string.</summary>
    public static ConfigHeader Read(JsonElement root)
    {
        var header = new ConfigHeader();
        string? typeError = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            typeError = header.ReadMembers(root);
        }
        else if (root.ValueKind != JsonValueKind.Null)
        {
            typeError = $"json: cannot unmarshal {GoKind(root.ValueKind)} into Go value of type struct {{ Name string \"json:\\\"name\\\"\" }}";
        }

        if (typeError is not null)
        {
            throw new CniException(CniErrorCode.DecodingFailure, UnmarshalPrefix + typeError);
        }

        return header;
    }

    /// <summary>Throws code 6 when <c>cniVersion</c> is not a string, with skel's message.</summary>
    public void ThrowIfCniVersionNotString()
    {
        if (CniVersionKind is not null)
        {
            throw new CniException(
                CniErrorCode.DecodingFailure,
                $"decoding version from network config: json: cannot unmarshal {CniVersionKind} into Go struct field .cniVersion of type string");
        }
    }

    private string? ReadMembers(JsonElement root)
    {
        string? typeError = null;
        foreach (var member in root.EnumerateObject())
        {
            var value = member.Value;
            if (member.NameEquals("name"u8))
            {
                if (!TryReadString(value, out var name))
                {
                    typeError ??= $"json: cannot unmarshal {GoKind(value.ValueKind)} into Go struct field .name of type string";
                }
                else if (name is not null)
                {
                    Name = name;
                }
            }
            else if (member.NameEquals("cniVersion"u8))
            {
                if (!TryReadString(value, out var version))
                {
                    CniVersionKind = GoKind(value.ValueKind);
                }
                else if (version is not null)
                {
                    CniVersion = version;
                    CniVersionKind = null;
                }
            }
            else if (member.NameEquals("prevResult"u8))
            {
                PrevResult = value.ValueKind == JsonValueKind.Null ? null : value;
            }
            else if (member.NameEquals("logFile"u8))
            {
                LogFile = TryReadString(value, out var logFile) ? logFile : LogFile;
            }
            else if (member.NameEquals("logLevel"u8))
            {
                LogLevel = TryReadString(value, out var logLevel) ? logLevel : LogLevel;
            }
        }

        return typeError;
    }

    // Go decodes null into a string as "leave it alone", so null reads as success with no value.
    private static bool TryReadString(JsonElement value, out string? text)
    {
        text = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString();
            return true;
        }

        return value.ValueKind == JsonValueKind.Null;
    }

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "string",
    };
}
