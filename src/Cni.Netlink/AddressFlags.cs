namespace Cni.Netlink;

/// <summary>Flags of an interface address (IFA_F_* in linux/if_addr.h).</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Named after the kernel's flag words (ifi_flags, ifa_flags), like BindingFlags.")]
public enum AddressFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>IFA_F_SECONDARY (IFA_F_TEMPORARY for IPv6): not the primary address of its subnet.</summary>
    Secondary = 0x1,

    /// <summary>IFA_F_NODAD: IPv6 only, skip duplicate address detection so the address is usable at once.</summary>
    NoDad = 0x2,

    /// <summary>IFA_F_OPTIMISTIC: IPv6 optimistic duplicate address detection.</summary>
    Optimistic = 0x4,

    /// <summary>IFA_F_DADFAILED: duplicate address detection failed.</summary>
    DadFailed = 0x8,

    /// <summary>IFA_F_HOMEADDRESS: a mobile IPv6 home address.</summary>
    HomeAddress = 0x10,

    /// <summary>IFA_F_DEPRECATED: the address's preferred lifetime has passed.</summary>
    Deprecated = 0x20,

    /// <summary>IFA_F_TENTATIVE: duplicate address detection is still running.</summary>
    Tentative = 0x40,

    /// <summary>IFA_F_PERMANENT: the address does not expire.</summary>
    Permanent = 0x80,

    /// <summary>IFA_F_MANAGETEMPADDR: make temporary addresses from this prefix.</summary>
    ManageTemporaryAddresses = 0x100,

    /// <summary>IFA_F_NOPREFIXROUTE: do not add the prefix route for the address.</summary>
    NoPrefixRoute = 0x200,

    /// <summary>IFA_F_MCAUTOJOIN: join the multicast group of a multicast address.</summary>
    MulticastAutoJoin = 0x400,

    /// <summary>IFA_F_STABLE_PRIVACY: an RFC 7217 stable-privacy address.</summary>
    StablePrivacy = 0x800,
}
