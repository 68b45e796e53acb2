using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Host;

/// <summary>
/// What the plugin host reads from stdin before any handler runs: the members it validates
/// (<c>name</c>, <c>cniVersion</c>), the raw <c>prevResult</c>, and the logging keys. Reading
/// also checks that stdin is one well-formed JSON document, as skel's decoding does.
/// </summary>
internal sealed class ConfigHeader
{
    private const string UnmarshalPrefix = "error unmarshall network config: ";

    public string? Name { get; private set; }

    /// <summary>The <c>cniVersion</c> text; <see langword="null"/> when absent.</summary>
    public string? CniVersion { get; private set; }

    /// <summary>Set when <c>cniVersion</c> is not a string: the JSON kind found, in Go's words.</summary>
    public string? CniVersionKind { get; private set; }

    /// <summary>The bytes of the <c>prevResult</c> value; empty when absent or null.</summary>
    public ReadOnlyMemory<byte> PrevResult { get; private set; }

    /// <summary>The <c>logFile</c> key: a file to append log lines to instead of stderr.</summary>
    public string? LogFile { get; private set; }

    /// <summary>The <c>logLevel</c> key: the least severe level written.</summary>
    public string? LogLevel { get; private set; }

    /// <summary>Reads stdin; throws code 6 for malformed JSON or a <c>name</c> that is not a string.</summary>
    public static ConfigHeader Read(ReadOnlyMemory<byte> stdin)
    {
        var header = new ConfigHeader();
        string? typeError = null;
        var reader = new Utf8JsonReader(stdin.Span, new JsonReaderOptions { MaxDepth = JsonKinds.MaxDepth });
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                typeError = header.ReadMembers(ref reader, stdin);
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                typeError = $"json: cannot unmarshal {GoKind(reader.TokenType)} into Go value of type struct {{ Name string \"json:\\\"name\\\"\" }}";
                reader.Skip();
            }

            // A second top-level value is an error; Read throws for it.
            reader.Read();
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, UnmarshalPrefix + SyntaxErrorText(stdin.Span, ex), null, ex);
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

    private string? ReadMembers(ref Utf8JsonReader reader, ReadOnlyMemory<byte> stdin)
    {
        string? typeError = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "name":
                    if (!TryReadString(ref reader, out var name))
                    {
                        typeError ??= $"json: cannot unmarshal {GoKind(reader.TokenType)} into Go struct field .name of type string";
                    }
                    else if (name is not null)
                    {
                        Name = name;
                    }

                    break;
                case "cniVersion":
                    if (!TryReadString(ref reader, out var version))
                    {
                        CniVersionKind = GoKind(reader.TokenType);
                    }
                    else if (version is not null)
                    {
                        CniVersion = version;
                        CniVersionKind = null;
                    }

                    break;
                case "prevResult":
                    var start = (int)reader.TokenStartIndex;
                    var isNull = reader.TokenType == JsonTokenType.Null;
                    reader.Skip();
                    PrevResult = isNull ? default : stdin[start..(int)reader.BytesConsumed];
                    break;
                case "logFile":
                    LogFile = TryReadString(ref reader, out var logFile) ? logFile : LogFile;
                    break;
                case "logLevel":
                    LogLevel = TryReadString(ref reader, out var logLevel) ? logLevel : LogLevel;
                    break;
                default:
                    break;
            }

            reader.Skip();
        }

        return typeError;
    }

    // Go decodes null into a string as "leave it alone", so null reads as success with no value.
    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString();
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    private static string GoKind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "bool",
        _ => "string",
    };

    // Go says "unexpected end of JSON input" when the document stops early; other syntax errors
    // keep System.Text.Json's text, which names the position.
    private static string SyntaxErrorText(ReadOnlySpan<byte> stdin, JsonException ex)
    {
        var lastContent = stdin.TrimEnd(" \t\r\n"u8).Length;
        var offset = 0L;
        for (var line = 0L; line < (ex.LineNumber ?? 0) && offset < stdin.Length; line++)
        {
            var next = stdin[(int)offset..].IndexOf((byte)'\n');
            offset = next < 0 ? stdin.Length : offset + next + 1;
        }

        offset += ex.BytePositionInLine ?? 0;
        return offset >= lastContent ? "unexpected end of JSON input" : ex.Message;
    }
}
