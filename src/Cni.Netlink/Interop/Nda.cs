namespace Cni.Netlink.Interop;

/// <summary>Neighbour attributes (NDA_*, linux/neighbour.h).</summary>
internal static class Nda
{
    public const ushort Dst = 1;
    public const ushort LlAddr = 2;
    public const ushort Vlan = 5;
    public const ushort Port = 6;
    public const ushort Vni = 7;
    public const ushort IfIndex = 8;
    public const ushort Master = 9;
}
