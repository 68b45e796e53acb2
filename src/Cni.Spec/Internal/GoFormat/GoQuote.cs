using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cni.Internal.GoFormat;

/// <summary>
/// Quotes text the way Go's <c>%q</c> verb does (<c>strconv.Quote</c>), so messages built from a
/// plugin's output read exactly like libcni's: printable characters as they are, the C escapes
/// for control characters, <c>\x</c> for bytes that are not UTF-8.
/// </summary>
internal static class GoQuote
{
    public static string Quote(string text) => Quote(Encoding.UTF8.GetBytes(text));

    public static string Quote(ReadOnlySpan<byte> utf8)
    {
        var builder = new StringBuilder(utf8.Length + 2);
        builder.Append('"');
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != OperationStatus.Done)
            {
                // Go decodes an invalid sequence one byte at a time and shows each byte in hex.
                builder.Append(CultureInfo.InvariantCulture, $"\\x{utf8[0]:x2}");
                utf8 = utf8[1..];
                continue;
            }

            AppendRune(builder, rune);
            utf8 = utf8[consumed..];
        }

        builder.Append('"');
        return builder.ToString();
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        var value = rune.Value;
        if (value is '"' or '\\')
        {
            builder.Append('\\').Append((char)value);
            return;
        }

        if (IsPrint(rune))
        {
            builder.Append(rune.ToString());
            return;
        }

        var escape = value switch
        {
            '\a' => "\\a",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\v' => "\\v",
            _ => null,
        };
        if (escape is not null)
        {
            builder.Append(escape);
        }
        else if (value < ' ' || value == 0x7F)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{value:x2}");
        }
        else if (value < 0x10000)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{value:x4}");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\U{value:x8}");
        }
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune)
    {
        if (rune.IsAscii)
        {
            return rune.Value is >= 0x20 and < 0x7F;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category <= UnicodeCategory.OtherNumber
            || category is >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherSymbol;
    }
}
