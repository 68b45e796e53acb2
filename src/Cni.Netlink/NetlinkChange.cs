namespace Cni.Netlink;

/// <summary>What happened to the object a <see cref="NetlinkEvent{T}"/> carries.</summary>
public enum NetlinkChange
{
    /// <summary>Added, or changed in place (RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE, RTM_NEWNEIGH, RTM_NEWRULE): a link going up is a new-link event too.</summary>
    New,

    /// <summary>Deleted (RTM_DELLINK, RTM_DELADDR, RTM_DELROUTE, RTM_DELNEIGH, RTM_DELRULE); the object is as it was just before.</summary>
    Deleted,
}
