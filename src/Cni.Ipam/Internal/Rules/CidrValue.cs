using System.Globalization;

namespace Cni.Ipam.Internal.Rules;

/// <summary>
/// <c>address/prefix</c> as Go's <c>net.ParseCIDR</c> reads it, host bits kept. <see cref="MaskBits"/> is the
/// family of the text (128 for an IPv4-mapped IPv6 subnet, whose address becomes IPv4, which host-local rejects).
/// </summary>
internal readonly record struct CidrValue(IPValue Address, int PrefixLength, int MaskBits)
{
    public static bool TryParse(ReadOnlySpan<char> text, out CidrValue value)
    {
        value = default;
        var slash = text.IndexOf('/');
        if (slash < 0 || !IPValue.TryParse(text[..slash], out var address))
        {
            return false;
        }

        var digits = text[(slash + 1)..];
        var maskBits = text[..slash].Contains(':') ? 128 : 32;
        if (digits.IsEmpty || digits.Length > 3 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var prefix = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (prefix > maskBits)
        {
            return false;
        }

        value = new CidrValue(address, prefix, maskBits);
        return true;
    }

    /// <summary>Go's <c>net.IPNet.String()</c> of the value as parsed.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Address}/{(Address.IsIPv4 && MaskBits == 128 ? PrefixLength - 96 : PrefixLength)}");
}
