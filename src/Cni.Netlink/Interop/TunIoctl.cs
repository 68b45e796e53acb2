namespace Cni.Netlink.Interop;

/// <summary>The ioctls and flags of /dev/net/tun (linux/if_tun.h) and the socket ioctl that names a socket's network namespace (linux/sockios.h).</summary>
internal static class TunIoctl
{
    public const string DevicePath = "/dev/net/tun";

    /// <summary>_IOW('T', 202, int).</summary>
    public const uint TunSetIff = 0x400454CA;

    /// <summary>_IOW('T', 203, int).</summary>
    public const uint TunSetPersist = 0x400454CB;

    /// <summary>_IOW('T', 204, int).</summary>
    public const uint TunSetOwner = 0x400454CC;

    /// <summary>_IOW('T', 206, int).</summary>
    public const uint TunSetGroup = 0x400454CE;

    /// <summary>SIOCGSKNS: a descriptor of the socket's network namespace.</summary>
    public const uint SiocGSkNs = 0x894C;

    public const short IffTun = 0x0001;
    public const short IffTap = 0x0002;
    public const short IffMultiQueue = 0x0100;
    public const short IffNoPi = 0x1000;
}
