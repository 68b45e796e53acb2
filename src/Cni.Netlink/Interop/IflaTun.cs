namespace Cni.Netlink.Interop;

/// <summary>A tun or tap link's IFLA_INFO_DATA as the kernel reports it (IFLA_TUN_*, linux/if_link.h); the kernel refuses to create one over rtnetlink.</summary>
internal static class IflaTun
{
    public const ushort Owner = 1;
    public const ushort Group = 2;
    public const ushort Type = 3;
    public const ushort Pi = 4;
    public const ushort VnetHdr = 5;
    public const ushort Persist = 6;
    public const ushort MultiQueue = 7;
    public const ushort NumQueues = 8;
}
