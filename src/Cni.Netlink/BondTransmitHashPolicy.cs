namespace Cni.Netlink;

/// <summary>What a bond hashes to pick a port in balance-xor, 802.3ad and balance-tlb modes (BOND_XMIT_POLICY_*, IFLA_BOND_XMIT_HASH_POLICY).</summary>
public enum BondTransmitHashPolicy : byte
{
    /// <summary>layer2: the MAC addresses (the kernel's default).</summary>
    Layer2 = 0,

    /// <summary>layer3+4: the IP addresses and ports.</summary>
    Layer34 = 1,

    /// <summary>layer2+3: the MAC and IP addresses.</summary>
    Layer23 = 2,

    /// <summary>encap2+3: like layer2+3, inside a tunnel's inner headers.</summary>
    Encap23 = 3,

    /// <summary>encap3+4: like layer3+4, inside a tunnel's inner headers.</summary>
    Encap34 = 4,

    /// <summary>vlan+srcmac: the VLAN id and the source MAC address.</summary>
    VlanSourceMac = 5,
}
