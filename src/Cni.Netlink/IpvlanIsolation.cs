namespace Cni.Netlink;

/// <summary>How ipvlan links on one parent reach each other (IPVLAN_F_* in linux/if_link.h).</summary>
public enum IpvlanIsolation : ushort
{
    /// <summary>Bridge (no flag): ipvlans on the parent talk directly.</summary>
    Bridge = 0,

    /// <summary>IPVLAN_F_PRIVATE: no traffic between ipvlans on the parent.</summary>
    Private = 1,

    /// <summary>IPVLAN_F_VEPA: traffic between ipvlans goes through the external switch.</summary>
    Vepa = 2,
}
