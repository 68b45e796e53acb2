using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cni;

/// <summary>
/// A CNI specification version such as <c>0.4.0</c> or <c>1.1.0</c>: parsed, ordered and compared
/// the way libcni compares them (numerically, major then minor then patch).
/// </summary>
/// <remarks>
/// Any well-formed <c>major.minor.patch</c> parses, so a plugin can report a version it does not
/// know; <see cref="IsKnown"/> says whether it is one of the published spec versions.
/// </remarks>
public readonly struct CniVersion : IEquatable<CniVersion>, IComparable<CniVersion>, ISpanFormattable
{
    /// <summary>Spec 0.1.0: <c>ip4</c>/<c>ip6</c> results.</summary>
    public static CniVersion V010 { get; } = new(0, 1, 0);

    /// <summary>Spec 0.2.0: as 0.1.0, plus the VERSION command.</summary>
    public static CniVersion V020 { get; } = new(0, 2, 0);

    /// <summary>Spec 0.3.0: <c>interfaces</c> and <c>ips</c> with a <c>version</c> field.</summary>
    public static CniVersion V030 { get; } = new(0, 3, 0);

    /// <summary>Spec 0.3.1: as 0.3.0.</summary>
    public static CniVersion V031 { get; } = new(0, 3, 1);

    /// <summary>Spec 0.4.0: adds CHECK and <c>prevResult</c> on DEL.</summary>
    public static CniVersion V040 { get; } = new(0, 4, 0);

    /// <summary>Spec 1.0.0: <c>ips[].version</c> removed.</summary>
    public static CniVersion V100 { get; } = new(1, 0, 0);

    /// <summary>Spec 1.1.0: GC and STATUS, interface <c>mtu</c>/<c>socketPath</c>/<c>pciID</c>, route attributes.</summary>
    public static CniVersion V110 { get; } = new(1, 1, 0);

    /// <summary>The newest spec version this library implements.</summary>
    public static CniVersion Current => V110;

    /// <summary>Every published spec version, oldest first.</summary>
    public static IReadOnlyList<CniVersion> All { get; } = [V010, V020, V030, V031, V040, V100, V110];

    /// <summary>Creates a version from its three numbers.</summary>
    public CniVersion(int major, int minor, int patch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>The major number.</summary>
    public int Major { get; }

    /// <summary>The minor number.</summary>
    public int Minor { get; }

    /// <summary>The patch number.</summary>
    public int Patch { get; }

    /// <summary>Whether this is one of the published spec versions in <see cref="All"/>.</summary>
    public bool IsKnown => All.Contains(this);

    /// <summary>Parses <c>major[.minor[.patch]]</c>; throws <see cref="CniException"/> (code 1) otherwise.</summary>
    /// <param name="text">The version text, for example <c>"0.4.0"</c>.</param>
    public static CniVersion Parse(string? text)
    {
        if (!TryParse(text, out var version))
        {
            throw new CniException(CniErrorCode.IncompatibleCniVersion, $"invalid version \"{text}\"");
        }

        return version;
    }

    // The cniVersion key of a configuration, as the generated reader of NetworkConfig reads it: empty means
    // 0.1.0, as libcni reads it; text that is no version is code 1, not a decoding failure.
    internal static CniVersion ReadConfigValue(ConfigValue value)
    {
        var text = value.GetString();
        if (text.Length == 0)
        {
            return V010;
        }

        return TryParse(text, out var version)
            ? version
            : throw new CniException(CniErrorCode.IncompatibleCniVersion, $"error parsing configuration: invalid cniVersion \"{text}\"");
    }

    /// <summary>Parses <c>major[.minor[.patch]]</c>, as libcni does.</summary>
    /// <param name="text">The version text.</param>
    /// <param name="version">The parsed version when the result is <see langword="true"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out CniVersion version)
        => TryParse(text.AsSpan(), out version) && text is not null;

    /// <summary>
    /// Parses <c>major[.minor[.patch]]</c> from characters, as libcni does: missing parts are zero,
    /// each part is a non-negative decimal number.
    /// </summary>
    /// <param name="text">The version text.</param>
    /// <param name="version">The parsed version when the result is <see langword="true"/>.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out CniVersion version)
    {
        version = default;
        Span<int> parts = stackalloc int[3];
        var count = 0;
        while (true)
        {
            var end = text.IndexOf('.');
            var part = end < 0 ? text : text[..end];
            if (count == 3 || part.IsEmpty || part.Length > 9 || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            parts[count++] = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (end < 0)
            {
                break;
            }

            text = text[(end + 1)..];
        }

        version = new CniVersion(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(CniVersion other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CniVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch);

    /// <inheritdoc/>
    public int CompareTo(CniVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        return c == 0 ? Patch.CompareTo(other.Patch) : c;
    }

    /// <summary>The version as <c>major.minor.patch</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => destination.TryWrite(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}", out charsWritten);

#pragma warning disable CS1591 // The operators mean what they always mean.
    public static bool operator ==(CniVersion left, CniVersion right) => left.Equals(right);

    public static bool operator !=(CniVersion left, CniVersion right) => !left.Equals(right);

    public static bool operator <(CniVersion left, CniVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(CniVersion left, CniVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(CniVersion left, CniVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(CniVersion left, CniVersion right) => left.CompareTo(right) >= 0;
#pragma warning restore CS1591
}
