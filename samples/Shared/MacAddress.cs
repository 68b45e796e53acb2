using System.Globalization;
using System.Net.NetworkInformation;

namespace Cni.Samples;

/// <summary>MAC addresses written as the reference reads and prints them (Go's net.ParseMAC and HardwareAddr.String, 6-byte form).</summary>
internal static class MacAddress
{
    /// <summary>Reads <c>aa:bb:cc:dd:ee:ff</c>, <c>aa-bb-cc-dd-ee-ff</c> or <c>aabb.ccdd.eeff</c>; null when it is none of these.</summary>
    public static PhysicalAddress? TryParse(string text)
    {
        var bytes = new byte[6];
        if (text.Length == 17 && (text[2] is ':' or '-'))
        {
            var separator = text[2];
            for (var i = 0; i < 6; i++)
            {
                if ((i < 5 && text[(i * 3) + 2] != separator) || !TryHexByte(text.AsSpan(i * 3, 2), out bytes[i]))
                {
                    return null;
                }
            }

            return new PhysicalAddress(bytes);
        }

        if (text.Length == 14 && text[4] == '.' && text[9] == '.')
        {
            for (var i = 0; i < 6; i++)
            {
                if (!TryHexByte(text.AsSpan((i * 2) + (i / 2), 2), out bytes[i]))
                {
                    return null;
                }
            }

            return new PhysicalAddress(bytes);
        }

        return null;
    }

    /// <summary>Lowercase, colon-separated, as the result shows MACs.</summary>
    public static string Format(ReadOnlySpan<byte> address)
        => string.Join(':', address.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static bool TryHexByte(ReadOnlySpan<char> text, out byte value)
        => byte.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
