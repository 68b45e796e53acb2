namespace Cni.Netlink.Interop;

/// <summary>Attribute header length and type flags (NLA_*, linux/netlink.h).</summary>
internal static class Nla
{
    /// <summary>NLA_HDRLEN: the size of <see cref="rtattr"/>.</summary>
    public const int HeaderLength = 4;

    public const ushort FNested = 0x8000;
    public const ushort FNetByteOrder = 0x4000;
    public const ushort TypeMask = 0x3fff;
}
