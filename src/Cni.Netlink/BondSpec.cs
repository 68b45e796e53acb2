using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A bond to create: several links acting as one. Ports join with <see cref="LinkSpec.MasterIndex"/>
/// or <see cref="NetlinkSocket.SetLinkMaster(int, int)"/> (the port must be down) and leave with
/// <see cref="NetlinkSocket.SetLinkNoMaster(int)"/>; <see cref="NetlinkSocket.ChangeLink(int, LinkSpec)"/>
/// changes the options of a bond that exists. Options left <see langword="null"/> keep the kernel's defaults.
/// </summary>
/// <param name="name">The bond's name.</param>
public sealed class BondSpec(string name) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "bond";

    /// <summary>The mode (IFLA_BOND_MODE); it can only change while the bond is down and has no ports.</summary>
    public BondMode? Mode { get; set; }

    /// <summary>How often, in milliseconds, each port's carrier is checked (IFLA_BOND_MIIMON); 0 turns it off.</summary>
    public uint? MiiMonitorInterval { get; set; }

    /// <summary>How long, in milliseconds, a port's carrier must be back before the port is used (IFLA_BOND_UPDELAY); a multiple of the MII interval.</summary>
    public uint? UpDelay { get; set; }

    /// <summary>How long, in milliseconds, a port's carrier must be gone before the port is dropped (IFLA_BOND_DOWNDELAY); a multiple of the MII interval.</summary>
    public uint? DownDelay { get; set; }

    /// <summary>What picks a port for a packet in balance-xor, 802.3ad and balance-tlb (IFLA_BOND_XMIT_HASH_POLICY).</summary>
    public BondTransmitHashPolicy? TransmitHashPolicy { get; set; }

    /// <summary>The fewest ports that must be up for the bond to have carrier (IFLA_BOND_MIN_LINKS).</summary>
    public uint? MinLinks { get; set; }

    /// <summary>The LACPDU rate asked of the partner in 802.3ad mode (IFLA_BOND_AD_LACP_RATE).</summary>
    public BondLacpRate? LacpRate { get; set; }

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        var start = writer.Position;
        if (Mode is { } mode)
        {
            writer.PutUInt8(IflaBond.Mode, (byte)mode);
        }

        if (MiiMonitorInterval is { } miimon)
        {
            writer.PutUInt32(IflaBond.MiiMon, miimon);
        }

        if (UpDelay is { } up)
        {
            writer.PutUInt32(IflaBond.UpDelay, up);
        }

        if (DownDelay is { } down)
        {
            writer.PutUInt32(IflaBond.DownDelay, down);
        }

        if (TransmitHashPolicy is { } policy)
        {
            writer.PutUInt8(IflaBond.XmitHashPolicy, (byte)policy);
        }

        if (MinLinks is { } minLinks)
        {
            writer.PutUInt32(IflaBond.MinLinks, minLinks);
        }

        if (LacpRate is { } rate)
        {
            writer.PutUInt8(IflaBond.AdLacpRate, (byte)rate);
        }

        return writer.Position != start;
    }
}
