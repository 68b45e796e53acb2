using System.Globalization;
using System.Net.NetworkInformation;

namespace Cni.Plugins;

/// <summary>MAC addresses written as the reference reads and prints them (Go's net.ParseMAC and HardwareAddr.String, 6-byte form).</summary>
public static class MacAddress
{
    /// <summary>Reads <c>aa:bb:cc:dd:ee:ff</c>, <c>aa-bb-cc-dd-ee-ff</c> or <c>aabb.ccdd.eeff</c> (either case); null when it is none of these.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The address, or null.</returns>
    public static PhysicalAddress? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>Lowercase, colon-separated, as results show MACs (<c>0a:58:0a:16:00:05</c>); empty for no bytes.</summary>
    /// <param name="address">The address bytes.</param>
    /// <returns>The text.</returns>
    public static string Format(ReadOnlySpan<byte> address)
    {
        if (address.IsEmpty)
        {
            return "";
        }

        return string.Create((address.Length * 3) - 1, address.ToArray(), static (text, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (i > 0)
                {
                    text[(i * 3) - 1] = ':';
                }

                bytes[i].TryFormat(text[(i * 3)..], out _, "x2", CultureInfo.InvariantCulture);
            }
        });
    }

    /// <summary>Lowercase, colon-separated, as results show MACs.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The text.</returns>
    public static string Format(PhysicalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Format(address.GetAddressBytes());
    }

    private static bool TryHexByte(ReadOnlySpan<char> text, out byte value)
        => byte.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
