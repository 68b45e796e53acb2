namespace Cni.Netlink.Interop;

/// <summary>Link attributes (IFLA_*, linux/if_link.h): the top level of RTM_*LINK messages.</summary>
internal static class Ifla
{
    public const ushort Address = 1;
    public const ushort Broadcast = 2;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort ProtInfo = 12;
    public const ushort TxQLen = 13;
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;
    public const ushort NetNsPid = 19;
    public const ushort AfSpec = 26;
    public const ushort NetNsFd = 28;
    public const ushort ExtMask = 29;
    public const ushort Promiscuity = 30;
    public const ushort LinkNetNsId = 37;
}
