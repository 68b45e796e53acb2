namespace Cni.Netlink;

/// <summary>How macvlan links on one parent reach each other (MACVLAN_MODE_* in linux/if_link.h).</summary>
public enum MacvlanMode : uint
{
    /// <summary>MACVLAN_MODE_PRIVATE: no traffic between macvlans on the parent.</summary>
    Private = 1,

    /// <summary>MACVLAN_MODE_VEPA: traffic between macvlans goes through the external switch.</summary>
    Vepa = 2,

    /// <summary>MACVLAN_MODE_BRIDGE: macvlans on the parent talk directly (the CNI macvlan plugin's default).</summary>
    Bridge = 4,

    /// <summary>MACVLAN_MODE_PASSTHRU: one macvlan takes over the parent.</summary>
    Passthrough = 8,

    /// <summary>MACVLAN_MODE_SOURCE: receive by source MAC address.</summary>
    Source = 16,
}
