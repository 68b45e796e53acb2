namespace Cni.Netlink.Interop;

/// <summary>Bridge attributes inside IFLA_AF_SPEC and their flags (linux/if_bridge.h).</summary>
internal static class BridgeAttributes
{
    public const byte AfBridge = 7;

    public const ushort Flags = 0;
    public const ushort VlanInfo = 2;

    public const ushort FlagsSelf = 2;

    public const ushort VlanInfoPvid = 1 << 1;
    public const ushort VlanInfoUntagged = 1 << 2;
    public const ushort VlanInfoRangeBegin = 1 << 3;
    public const ushort VlanInfoRangeEnd = 1 << 4;
}
