using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cni.Ipam.Internal.Rules;

/// <summary>
/// An address as a number, so ranges are walked and sized with <see cref="UInt128"/> arithmetic instead of
/// byte arrays. IPv4-mapped IPv6 addresses become IPv4, as Go's <c>To4()</c> canonicalizes them. Text is
/// read and written as Go's net package does, because host-local's file names are that text.
/// </summary>
internal readonly record struct IPValue(UInt128 Value, bool IsIPv4) : IComparable<IPValue>
{
    /// <summary>Address bits of the family: 32 or 128.</summary>
    public int Bits => IsIPv4 ? 32 : 128;

    /// <summary>The largest value of the family.</summary>
    public UInt128 Max => IsIPv4 ? uint.MaxValue : UInt128.MaxValue;

    public static IPValue From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        if (length == 4)
        {
            return new IPValue(BinaryPrimitives.ReadUInt32BigEndian(bytes), true);
        }

        return address.IsIPv4MappedToIPv6
            ? new IPValue(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]), true)
            : new IPValue(BinaryPrimitives.ReadUInt128BigEndian(bytes), false);
    }

    public IPAddress ToAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Value);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new IPAddress(bytes);
    }

    /// <summary>The mask of a prefix length in this family.</summary>
    public UInt128 MaskOf(int prefixLength)
        => prefixLength == 0 ? UInt128.Zero : (Max << (Bits - prefixLength)) & Max;

    public bool SameFamily(IPValue other) => IsIPv4 == other.IsIPv4;

    public int CompareTo(IPValue other) => Value.CompareTo(other.Value);

    public static bool operator <(IPValue left, IPValue right) => left.CompareTo(right) < 0;

    public static bool operator >(IPValue left, IPValue right) => left.CompareTo(right) > 0;

    public static bool operator <=(IPValue left, IPValue right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IPValue left, IPValue right) => left.CompareTo(right) >= 0;

    /// <summary>Go's <c>net.IP.String()</c>: dotted IPv4, or IPv6 with the first longest run of two or more zero groups as <c>::</c>.</summary>
    public override string ToString()
    {
        if (IsIPv4)
        {
            var v = (uint)Value;
            return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}");
        }

        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(Value >> (112 - (16 * i)));
        }

        int runStart = -1, runLength = 0;
        for (var i = 0; i < 8;)
        {
            var j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }

            if (j - i > runLength && j - i >= 2)
            {
                runStart = i;
                runLength = j - i;
            }

            i = j == i ? i + 1 : j;
        }

        var text = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                text.Append("::");
                i += runLength - 1;
                continue;
            }

            if (i > 0 && i != runStart + runLength)
            {
                text.Append(':');
            }

            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Go's <c>net.ParseIP</c>: strict dotted IPv4 (no leading zeros, four parts), IPv6 without zone or brackets.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IPValue value)
    {
        value = default;
        if (text.IsEmpty || text.Length > 45)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            if (text.ContainsAny("%[]/") || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            value = From(parsed);
            return true;
        }

        uint result = 0;
        for (var i = 0; i < 4; i++)
        {
            var dot = text.IndexOf('.');
            var part = i < 3 ? (dot < 0 ? [] : text[..dot]) : text;
            if (part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9') || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var number = uint.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (number > 255)
            {
                return false;
            }

            result = (result << 8) | number;
            text = i < 3 ? text[(dot + 1)..] : [];
        }

        value = new IPValue(result, true);
        return true;
    }

    /// <summary>Parses file-name bytes (ASCII) as an address.</summary>
    public static bool TryParse(ReadOnlySpan<byte> ascii, out IPValue value)
    {
        value = default;
        if (ascii.IsEmpty || ascii.Length > 45)
        {
            return false;
        }

        Span<char> chars = stackalloc char[45];
        for (var i = 0; i < ascii.Length; i++)
        {
            if (ascii[i] > 0x7F)
            {
                return false;
            }

            chars[i] = (char)ascii[i];
        }

        return TryParse(chars[..ascii.Length], out value);
    }
}
