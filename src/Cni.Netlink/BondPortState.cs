using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A bond port's state as the kernel reports it (IFLA_INFO_SLAVE_DATA of a link enslaved to a bond).</summary>
/// <param name="IsActive">Whether the bond sends through this port (IFLA_BOND_SLAVE_STATE is BOND_STATE_ACTIVE), else it is a backup.</param>
/// <param name="IsLinkUp">Whether the bond sees the port's link up (IFLA_BOND_SLAVE_MII_STATUS is BOND_LINK_UP).</param>
/// <param name="LinkFailureCount">How often the port's link failed (IFLA_BOND_SLAVE_LINK_FAILURE_COUNT).</param>
/// <param name="QueueId">The port's transmit queue id (IFLA_BOND_SLAVE_QUEUE_ID).</param>
public readonly record struct BondPortState(bool IsActive, bool IsLinkUp, uint LinkFailureCount, ushort QueueId)
{
    private const byte StateActive = 0;
    private const byte LinkUp = 0;

    /// <summary>Reads the IFLA_BOND_SLAVE_* attributes.</summary>
    internal static BondPortState Parse(ReadOnlySpan<byte> attributes)
    {
        var state = default(BondPortState);
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            state = attribute.Type switch
            {
                IflaBondSlave.State => state with { IsActive = attribute.GetUInt8() == StateActive },
                IflaBondSlave.MiiStatus => state with { IsLinkUp = attribute.GetUInt8() == LinkUp },
                IflaBondSlave.LinkFailureCount => state with { LinkFailureCount = attribute.GetUInt32() },
                IflaBondSlave.QueueId => state with { QueueId = attribute.GetUInt16() },
                _ => state,
            };
        }

        return state;
    }
}
