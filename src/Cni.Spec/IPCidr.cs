using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Cni;

/// <summary>
/// An IP address with a prefix length, in CIDR notation (<c>10.1.0.5/24</c>). Unlike
/// <see cref="IPNetwork"/> it keeps the host bits: CNI results and configs use this form for an
/// interface's address (<c>ips[].address</c>) and for route destinations.
/// </summary>
[JsonConverter(typeof(IPCidrJsonConverter))]
public readonly struct IPCidr : IEquatable<IPCidr>, ISpanFormattable
{
    private readonly IPAddress? _address;

    /// <summary>Creates a CIDR value.</summary>
    /// <param name="address">The address, IPv4 or IPv6.</param>
    /// <param name="prefixLength">0–32 for IPv4, 0–128 for IPv6.</param>
    public IPCidr(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        _address = address;
        PrefixLength = prefixLength;
    }

    /// <summary>The address, host bits kept (<c>0.0.0.0</c> for <see langword="default"/>).</summary>
    public IPAddress Address => _address ?? IPAddress.Any;

    /// <summary>The prefix length.</summary>
    public int PrefixLength { get; }

    /// <summary>Whether the address is IPv4.</summary>
    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>The network the address belongs to (host bits cleared).</summary>
    public IPNetwork Network => new(Mask(Address, PrefixLength), PrefixLength);

    /// <summary>Parses <c>address/prefix</c>; throws <see cref="FormatException"/> otherwise.</summary>
    /// <param name="text">For example <c>10.1.0.5/24</c> or <c>fd00::5/64</c>.</param>
    public static IPCidr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value) ? value : throw new FormatException($"invalid CIDR address {text}");
    }

    /// <summary>Parses <c>address/prefix</c>.</summary>
    /// <param name="text">For example <c>10.1.0.5/24</c>.</param>
    /// <param name="value">The parsed value when the result is <see langword="true"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out IPCidr value) => TryParse(text.AsSpan(), out value);

    /// <summary>Parses <c>address/prefix</c> from characters.</summary>
    /// <param name="text">For example <c>10.1.0.5/24</c>.</param>
    /// <param name="value">The parsed value when the result is <see langword="true"/>.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out IPCidr value)
    {
        value = default;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1 || text[(slash + 1)..].ContainsAnyExceptInRange('0', '9') || text.Length - slash > 4)
        {
            return false;
        }

        if (!IPAddress.TryParse(text[..slash], out var address) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            return false;
        }

        var prefix = int.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return false;
        }

        value = new IPCidr(address, prefix);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(IPCidr other) => PrefixLength == other.PrefixLength && Address.Equals(other.Address);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IPCidr other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, PrefixLength);

    /// <summary>The value in CIDR notation.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}/{PrefixLength}");

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => destination.TryWrite(CultureInfo.InvariantCulture, $"{Address}/{PrefixLength}", out charsWritten);

#pragma warning disable CS1591 // The operators mean what they always mean.
    public static bool operator ==(IPCidr left, IPCidr right) => left.Equals(right);

    public static bool operator !=(IPCidr left, IPCidr right) => !left.Equals(right);
#pragma warning restore CS1591

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
