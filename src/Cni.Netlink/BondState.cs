using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A bond's options as the kernel reports them (IFLA_INFO_DATA of a bond): the read side of <see cref="BondSpec"/>.</summary>
/// <param name="Mode">The mode (IFLA_BOND_MODE).</param>
/// <param name="MiiMonitorInterval">The carrier check interval in milliseconds, 0 when off (IFLA_BOND_MIIMON).</param>
/// <param name="UpDelay">Milliseconds before a port whose carrier came back is used (IFLA_BOND_UPDELAY).</param>
/// <param name="DownDelay">Milliseconds before a port whose carrier went is dropped (IFLA_BOND_DOWNDELAY).</param>
/// <param name="TransmitHashPolicy">The transmit hash policy (IFLA_BOND_XMIT_HASH_POLICY).</param>
/// <param name="MinLinks">The fewest ports up for carrier (IFLA_BOND_MIN_LINKS).</param>
/// <param name="LacpRate">The LACPDU rate in 802.3ad mode (IFLA_BOND_AD_LACP_RATE).</param>
public readonly record struct BondState(
    BondMode Mode,
    uint MiiMonitorInterval,
    uint UpDelay,
    uint DownDelay,
    BondTransmitHashPolicy TransmitHashPolicy,
    uint MinLinks,
    BondLacpRate LacpRate)
{
    /// <summary>Reads the IFLA_BOND_* attributes.</summary>
    internal static BondState Parse(ReadOnlySpan<byte> attributes)
    {
        var state = default(BondState);
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            state = attribute.Type switch
            {
                IflaBond.Mode => state with { Mode = (BondMode)attribute.GetUInt8() },
                IflaBond.MiiMon => state with { MiiMonitorInterval = attribute.GetUInt32() },
                IflaBond.UpDelay => state with { UpDelay = attribute.GetUInt32() },
                IflaBond.DownDelay => state with { DownDelay = attribute.GetUInt32() },
                IflaBond.XmitHashPolicy => state with { TransmitHashPolicy = (BondTransmitHashPolicy)attribute.GetUInt8() },
                IflaBond.MinLinks => state with { MinLinks = attribute.GetUInt32() },
                IflaBond.AdLacpRate => state with { LacpRate = (BondLacpRate)attribute.GetUInt8() },
                _ => state,
            };
        }

        return state;
    }
}
