namespace Cni.Netlink.Interop;

/// <summary>A bond port's IFLA_INFO_SLAVE_DATA (IFLA_BOND_SLAVE_*, linux/if_link.h).</summary>
internal static class IflaBondSlave
{
    public const ushort State = 1;
    public const ushort MiiStatus = 2;
    public const ushort LinkFailureCount = 3;
    public const ushort QueueId = 5;
}
