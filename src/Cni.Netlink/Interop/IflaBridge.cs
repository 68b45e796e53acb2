namespace Cni.Netlink.Interop;

/// <summary>Bridge attributes inside IFLA_AF_SPEC of an AF_BRIDGE message (IFLA_BRIDGE_*, linux/if_bridge.h).</summary>
internal static class IflaBridge
{
    public const ushort Flags = 0;
    public const ushort VlanInfo = 2;
}
