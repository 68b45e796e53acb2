namespace Cni.Netlink;

/// <summary>How a bond spreads traffic over its ports (BOND_MODE_* in linux/if_bonding.h, IFLA_BOND_MODE).</summary>
public enum BondMode : byte
{
    /// <summary>balance-rr: each packet on the next port in turn (the kernel's default).</summary>
    BalanceRoundRobin = 0,

    /// <summary>active-backup: one port carries the traffic, the others wait.</summary>
    ActiveBackup = 1,

    /// <summary>balance-xor: a port chosen by the transmit hash policy.</summary>
    BalanceXor = 2,

    /// <summary>broadcast: every packet on every port.</summary>
    Broadcast = 3,

    /// <summary>802.3ad: IEEE 802.3ad dynamic link aggregation (LACP).</summary>
    Dot3AD = 4,

    /// <summary>balance-tlb: adaptive transmit load balancing.</summary>
    BalanceTlb = 5,

    /// <summary>balance-alb: adaptive transmit and receive load balancing.</summary>
    BalanceAlb = 6,
}
