namespace Cni.Netlink.Interop;

/// <summary>A VRF's IFLA_INFO_DATA (IFLA_VRF_*, linux/if_link.h).</summary>
internal static class IflaVrf
{
    public const ushort Table = 1;
}
