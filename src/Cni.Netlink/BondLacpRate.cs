namespace Cni.Netlink;

/// <summary>How often an 802.3ad bond asks its partner for LACPDUs (IFLA_BOND_AD_LACP_RATE).</summary>
public enum BondLacpRate : byte
{
    /// <summary>slow: every 30 seconds (the kernel's default).</summary>
    Slow = 0,

    /// <summary>fast: every second.</summary>
    Fast = 1,
}
