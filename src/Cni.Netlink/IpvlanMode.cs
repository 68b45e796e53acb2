namespace Cni.Netlink;

/// <summary>The layer an ipvlan link switches at (IPVLAN_MODE_* in linux/if_link.h).</summary>
public enum IpvlanMode : ushort
{
    /// <summary>IPVLAN_MODE_L2: switch by MAC address (the CNI ipvlan plugin's default).</summary>
    L2 = 0,

    /// <summary>IPVLAN_MODE_L3: route by IP address; no broadcast or multicast.</summary>
    L3 = 1,

    /// <summary>IPVLAN_MODE_L3S: like L3, with netfilter seeing the traffic.</summary>
    L3S = 2,
}
