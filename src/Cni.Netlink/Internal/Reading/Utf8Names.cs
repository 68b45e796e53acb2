using System.Text;

namespace Cni.Netlink.Internal.Reading;

/// <summary>Turns the kernel's UTF-8 names into strings without allocating when the string is already known.</summary>
internal static class Utf8Names
{
    private static readonly string[] KnownKinds =
    [
        "bridge", "veth", "vxlan", "vlan", "macvlan", "macvtap", "ipvlan", "ipvtap", "dummy", "bond", "team",
        "tun", "vrf", "geneve", "gre", "gretap", "ip6gre", "ipip", "ip6tnl", "sit", "wireguard", "ifb", "nlmon",
    ];

    /// <summary>Whether UTF-8 <paramref name="utf8"/> spells <paramref name="text"/>.</summary>
    public static bool EqualTo(ReadOnlySpan<byte> utf8, string? text)
    {
        if (text is null)
        {
            return false;
        }

        if (utf8.Length == text.Length)
        {
            var ascii = true;
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] >= 0x80)
                {
                    ascii = false;
                    break;
                }

                if (utf8[i] != text[i])
                {
                    return false;
                }
            }

            if (ascii)
            {
                return true;
            }
        }

        return Encoding.UTF8.GetString(utf8) == text;
    }

    /// <summary><paramref name="current"/> when it already spells <paramref name="utf8"/>, else a new string.</summary>
    public static string Reuse(ReadOnlySpan<byte> utf8, string? current)
        => EqualTo(utf8, current) ? current! : Encoding.UTF8.GetString(utf8);

    /// <summary>A link kind's string: a shared one for the common kinds.</summary>
    public static string? Kind(ReadOnlySpan<byte> utf8, string? current)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        if (EqualTo(utf8, current))
        {
            return current;
        }

        foreach (var kind in KnownKinds)
        {
            if (EqualTo(utf8, kind))
            {
                return kind;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }
}
