namespace Cni.Netlink.Interop;

/// <summary>A Geneve link's IFLA_INFO_DATA (IFLA_GENEVE_*, linux/if_link.h).</summary>
internal static class IflaGeneve
{
    public const ushort Id = 1;
    public const ushort Remote = 2;
    public const ushort Ttl = 3;
    public const ushort Tos = 4;
    public const ushort Port = 5;
    public const ushort Remote6 = 7;
    public const ushort Label = 11;
}
