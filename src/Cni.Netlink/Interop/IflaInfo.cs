namespace Cni.Netlink.Interop;

/// <summary>Attributes nested in IFLA_LINKINFO (IFLA_INFO_*, linux/if_link.h): the link's kind and its kind's data.</summary>
internal static class IflaInfo
{
    public const ushort Kind = 1;
    public const ushort Data = 2;
    public const ushort SlaveKind = 4;
    public const ushort SlaveData = 5;
}
