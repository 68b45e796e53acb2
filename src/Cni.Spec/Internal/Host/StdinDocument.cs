using System.Text.Json;
using Cni.Internal.Json;

namespace Cni.Internal.Host;

/// <summary>
/// The plugin host's one parse of stdin. Everything a run reads from the configuration (the header it
/// validates, the standard keys, the plugin's own keys, <c>ipam</c>, <c>prevResult</c>) is read from the
/// element this returns, so stdin is parsed once per run. Malformed input fails as skel's decoding does.
/// </summary>
internal static class StdinDocument
{
    private const string UnmarshalPrefix = "error unmarshall network config: ";

    [ThreadStatic]
    private static int t_parses;

    /// <summary>How many times this thread parsed stdin: the test that holds the host to one parse per run reads it.</summary>
    public static int ParsesOnThisThread => t_parses;

    /// <summary>Parses stdin; throws code 6 for anything but one well-formed JSON value.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> stdin)
    {
        t_parses++;
        var reader = new Utf8JsonReader(stdin, new JsonReaderOptions { MaxDepth = JsonKinds.MaxDepth });
        try
        {
            // Not pooled, unlike JsonDocument.Parse: the elements handed along (ipam, args, prevResult,
            // whatever the plugin keeps) need no copy, and no buffer goes back to the shared pool, whose
            // first use costs a short-lived process more than the parse itself.
            var root = JsonElement.ParseValue(ref reader);

            // A second top-level value is an error; Read throws for it.
            reader.Read();
            return root;
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, UnmarshalPrefix + SyntaxErrorText(stdin, ex), null, ex);
        }
    }

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
