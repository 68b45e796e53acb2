using System.Net.Sockets;

namespace Cni.Netlink.Internal;

/// <summary>Linux AF_* numbers, which differ from <see cref="AddressFamily"/>'s (Windows) values.</summary>
internal static class AddressFamilies
{
    public const byte Unspecified = 0;
    public const byte Inet = 2;
    public const byte Bridge = 7;
    public const byte Inet6 = 10;

    public static byte ToLinux(AddressFamily family) => family switch
    {
        AddressFamily.Unspecified => Unspecified,
        AddressFamily.InterNetwork => Inet,
        AddressFamily.InterNetworkV6 => Inet6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Only IPv4, IPv6 or Unspecified."),
    };

    public static AddressFamily FromLinux(byte family) => family switch
    {
        Inet => AddressFamily.InterNetwork,
        Inet6 => AddressFamily.InterNetworkV6,
        Unspecified => AddressFamily.Unspecified,
        _ => AddressFamily.Unknown,
    };

    public static byte Of(System.Net.IPAddress address)
        => address.AddressFamily == AddressFamily.InterNetworkV6 ? Inet6 : Inet;
}
