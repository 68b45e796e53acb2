using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;

namespace Cni.Internal.Json;

/// <summary>
/// Escapes strings exactly as Go's encoding/json does, so our output is byte-for-byte the
/// reference plugins': <c>"</c> and <c>\</c>, the short forms <c>\b \f \n \r \t</c>, other control
/// characters, the HTML characters <c>&lt; &gt; &amp;</c> and U+2028/U+2029 as <c>\u00xx</c> with
/// lowercase hex; every other character, non-ASCII included, is written as it is.
/// </summary>
internal sealed class GoJsonEncoder : JavaScriptEncoder
{
    // The bytes that start an escape in UTF-8: controls, the quote, the backslash, the HTML
    // characters, and 0xE2, the lead byte of U+2028 and U+2029 (E2 80 A8 / E2 80 A9).
    private static readonly SearchValues<byte> s_escapeStarts = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', (byte)'<', (byte)'>', (byte)'&', 0xE2]);

    private GoJsonEncoder()
    {
    }

    public static GoJsonEncoder Instance { get; } = new();

    // "\u2028" is 6 characters, the longest escape.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar switch
    {
        < 0x20 or '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029 => true,
        _ => false,
    };

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var offset = 0;
        while (true)
        {
            var i = utf8Text[offset..].IndexOfAny(s_escapeStarts);
            if (i < 0)
            {
                return -1;
            }

            i += offset;
            if (utf8Text[i] != 0xE2 || (utf8Text.Length > i + 2 && utf8Text[i + 1] == 0x80 && utf8Text[i + 2] is 0xA8 or 0xA9))
            {
                return i;
            }

            offset = i + 1;
        }
    }

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            if (WillEncode(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        numberOfCharactersWritten = 0;
        ReadOnlySpan<char> shortForm = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => default,
        };
        if (!shortForm.IsEmpty)
        {
            if (!shortForm.TryCopyTo(destination))
            {
                return false;
            }

            numberOfCharactersWritten = shortForm.Length;
            return true;
        }

        if (WillEncode(unicodeScalar))
        {
            return destination.TryWrite(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:x4}", out numberOfCharactersWritten);
        }

        return new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
    }
}
