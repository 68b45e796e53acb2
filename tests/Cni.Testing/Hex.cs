using System.Globalization;
using System.Text;

namespace Cni.Testing;

/// <summary>Golden-file text for bytes: offset, then 16 bytes a line in hex.</summary>
public static class Hex
{
    /// <summary>The bytes as golden-file text.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>One line per 16 bytes: the offset, then the bytes in hex.</returns>
    public static string Dump(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        for (var line = 0; line < bytes.Length; line += 16)
        {
            text.Append(line.ToString("x4", CultureInfo.InvariantCulture)).Append(' ');
            foreach (var b in bytes.Slice(line, Math.Min(16, bytes.Length - line)))
            {
                text.Append(' ').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Golden-file text back to bytes.</summary>
    /// <param name="dump">Text as <see cref="Dump"/> writes it.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Parse(string dump)
    {
        var bytes = new List<byte>();
        foreach (var line in dump.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            {
                bytes.Add(byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return [.. bytes];
    }
}
