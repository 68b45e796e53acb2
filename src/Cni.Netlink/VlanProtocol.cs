namespace Cni.Netlink;

/// <summary>The tag a vlan link adds (its EtherType, IFLA_VLAN_PROTOCOL).</summary>
public enum VlanProtocol : ushort
{
    /// <summary>IEEE 802.1Q (0x8100), the usual VLAN tag.</summary>
    Dot1Q = 0x8100,

    /// <summary>IEEE 802.1ad (0x88A8), the outer tag of QinQ.</summary>
    Dot1AD = 0x88A8,
}
