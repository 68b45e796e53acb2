using System.Text;
using Cni.Internal.GoFormat;
using CsCheck;

namespace Cni.Tests.Invoke;

public class GoQuoteTests
{
    [Fact]
    public void Quotes_as_Go_strconv_Quote_does()
    {
        // Expected text produced by Go 1.x: fmt.Println(strconv.Quote(s)) with the same bytes.
        byte[] input =
        [
            .. "a\"b\\c\n\t\x01\x7f é \u00a0 \U0001F600 bad"u8,
            0xFF, 0xE2, 0x82,
            .. "A \u200b\u0301x\r\v\a\b\f\0 \ufeff"u8,
        ];

        Assert.Equal(
            "\"a\\\"b\\\\c\\n\\t\\x01\\x7f é \\u00a0 \U0001F600 bad\\xff\\xe2\\x82A \\u200b\u0301x\\r\\v\\a\\b\\f\\x00 \\ufeff\"",
            GoQuote.Quote(input));
    }

    [Fact]
    public void Printable_ASCII_without_quotes_or_backslashes_is_only_wrapped()
    {
        Gen.String[Gen.Char[' ', '~'], 0, 40].Where(s => !s.Contains('"', StringComparison.Ordinal) && !s.Contains('\\', StringComparison.Ordinal))
            .Sample(s => Assert.Equal($"\"{s}\"", GoQuote.Quote(s)));
    }

    [Fact]
    public void Any_bytes_quote_to_one_line_without_control_characters()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var quoted = GoQuote.Quote(bytes);
            Assert.StartsWith("\"", quoted, StringComparison.Ordinal);
            Assert.EndsWith("\"", quoted, StringComparison.Ordinal);
            Assert.True(quoted.Length >= 2);
            Assert.DoesNotContain(quoted, c => char.IsControl(c));
        });
    }

    [Fact]
    public void Valid_text_comes_back_when_unquoted_with_the_JSON_rules_for_the_escapes_they_share()
    {
        // Without \a, \v, \x and \U escapes, Go's quoting is valid JSON string syntax.
        Gen.String[Gen.Char['\u00A1', '\u07FF'], 0, 20].Select(Gen.String[Gen.Char[' ', '~'], 0, 20], (a, b) => a + b)
            .Sample(s => Assert.Equal(s, System.Text.Json.JsonSerializer.Deserialize(GoQuote.Quote(Encoding.UTF8.GetBytes(s)), TestJsonContext.Default.String)));
    }
}
