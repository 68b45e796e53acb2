using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cni.Internal.GoFormat;

/// <summary>
/// IP addresses as Go's net package reads and prints them, so results match the reference:
/// IPv4 (and IPv4-mapped IPv6) in dotted form, IPv6 compressed per RFC 5952 (the first longest
/// run of two or more zero groups becomes <c>::</c>, hex in lowercase), and strict parsing (no
/// zones, no shorthand IPv4 forms, no leading zeros in IPv4 parts).
/// </summary>
internal static class GoNet
{
    /// <summary>The longest text of an address with a prefix: an IPv6 address and "/128".</summary>
    public const int MaxCidrLength = 45 + 4;

    /// <summary>Whether Go treats the address as IPv4 (<c>To4() != nil</c>): IPv4 or IPv4-mapped IPv6.</summary>
    public static bool IsIPv4(IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;

    /// <summary>Writes the address as Go's <c>net.IP.String()</c> does.</summary>
    public static int FormatIP(IPAddress address, Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        if (length == 16 && !address.IsIPv4MappedToIPv6)
        {
            return FormatIPv6(bytes, destination);
        }

        var v4 = length == 4 ? bytes[..4] : bytes[12..16];
        var written = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                destination[written++] = (byte)'.';
            }

            Utf8Formatter.TryFormat(v4[i], destination[written..], out var n);
            written += n;
        }

        return written;
    }

    /// <summary>Writes the address and prefix as Go's <c>net.IPNet.String()</c> does (host bits kept).</summary>
    public static int FormatCidr(IPCidr cidr, Span<byte> destination)
    {
        var written = FormatIP(cidr.Address, destination);
        destination[written++] = (byte)'/';

        // Go prints an IPv4-mapped address in dotted form with the last 32 bits of its mask.
        var prefix = cidr.Address.IsIPv4MappedToIPv6 ? Math.Max(0, cidr.PrefixLength - 96) : cidr.PrefixLength;
        Utf8Formatter.TryFormat(prefix, destination[written..], out var n);
        return written + n;
    }

    /// <summary>Parses an address as Go's <c>net.ParseIP</c> does.</summary>
    public static bool TryParseIP(ReadOnlySpan<byte> utf8, out IPAddress address)
    {
        address = IPAddress.None;
        if (utf8.IsEmpty || utf8.Length > 45)
        {
            return false;
        }

        Span<char> chars = stackalloc char[45];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return TryParseIP(chars[..length], out address);
    }

    /// <summary>Parses <c>address/prefix</c> as Go's <c>net.ParseCIDR</c> does.</summary>
    public static bool TryParseCidr(ReadOnlySpan<byte> utf8, out IPCidr cidr)
    {
        cidr = default;
        var slash = utf8.IndexOf((byte)'/');
        if (slash < 0 || !TryParseIP(utf8[..slash], out var address))
        {
            return false;
        }

        // Go accepts any run of decimal digits (leading zeros included) up to the family's bits.
        var digits = utf8[(slash + 1)..];
        if (digits.IsEmpty || digits.Length > 3 || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        if (!Utf8Parser.TryParse(digits, out int prefix, out _) || prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return false;
        }

        cidr = new IPCidr(address, prefix);
        return true;
    }

    private static bool TryParseIP(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':'))
        {
            // IPv6, possibly ending in dotted IPv4; no zone, no brackets (Go rejects both).
            if (text.ContainsAny("%[]/") || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = parsed;
            return true;
        }

        // IPv4: exactly four decimal parts 0-255 without leading zeros; .NET would also take "1" or "0x7f.1".
        Span<byte> parts = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
        {
            var dot = text.IndexOf('.');
            var part = i < 3 ? (dot < 0 ? [] : text[..dot]) : text;
            if (part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9') || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var value = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            parts[i] = (byte)value;
            text = i < 3 ? text[(dot + 1)..] : [];
        }

        address = new IPAddress(parts);
        return true;
    }

    private static int FormatIPv6(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        // The first longest run of at least two zero groups is written as "::".
        int runStart = -1, runEnd = -1;
        for (var i = 0; i < 8; i++)
        {
            var j = i;
            while (j < 8 && bytes[j * 2] == 0 && bytes[(j * 2) + 1] == 0)
            {
                j++;
            }

            if (j > i && j - i > runEnd - runStart)
            {
                runStart = i;
                runEnd = j;
                i = j;
            }
        }

        if (runEnd - runStart < 2)
        {
            runStart = runEnd = -1;
        }

        var written = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                destination[written++] = (byte)':';
                destination[written++] = (byte)':';
                i = runEnd - 1;
                continue;
            }

            if (i > 0 && i != runEnd)
            {
                destination[written++] = (byte)':';
            }

            var group = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i * 2)..]);
            Utf8Formatter.TryFormat(group, destination[written..], out var n, new System.Buffers.StandardFormat('x'));
            written += n;
        }

        return written;
    }
}
