namespace Cni.Netlink.Interop;

/// <summary>A VXLAN link's IFLA_INFO_DATA (IFLA_VXLAN_*, linux/if_link.h).</summary>
internal static class IflaVxlan
{
    public const ushort Id = 1;
    public const ushort Group = 2;
    public const ushort Link = 3;
    public const ushort Local = 4;
    public const ushort Ttl = 5;
    public const ushort Learning = 7;
    public const ushort Port = 15;
    public const ushort Group6 = 16;
    public const ushort Local6 = 17;
}
