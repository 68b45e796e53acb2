namespace Cni.Netlink.Interop;

/// <summary>Netlink's own message types (NLMSG_*, linux/netlink.h), its header length and alignment.</summary>
internal static class Nlmsg
{
    /// <summary>NLMSG_HDRLEN: the size of <see cref="nlmsghdr"/>.</summary>
    public const int HeaderLength = 16;

    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort Overrun = 4;

    /// <summary>NLMSG_ALIGN / RTA_ALIGN: netlink pads messages and attributes to 4 bytes.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
