namespace Cni.Netlink.Interop;

/// <summary>The value of IFLA_BRIDGE_FLAGS (BRIDGE_FLAGS_*, linux/if_bridge.h).</summary>
internal static class BridgeFlags
{
    /// <summary>BRIDGE_FLAGS_SELF: the request is for the bridge device itself, not its master.</summary>
    public const ushort Self = 2;
}
