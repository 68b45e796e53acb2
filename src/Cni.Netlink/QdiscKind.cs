namespace Cni.Netlink;

/// <summary>The queueing disciplines a <see cref="Qdisc"/> can add (the kernel's TCA_KIND).</summary>
public enum QdiscKind
{
    /// <summary><c>tbf</c>, the token bucket filter: shapes a link's egress to a rate (what the bandwidth plugin installs).</summary>
    Tbf,

    /// <summary><c>ingress</c>: a hook for filters on what a link receives (the bandwidth plugin redirects it to an ifb device from here).</summary>
    Ingress,

    /// <summary><c>clsact</c>: hooks for filters on both what a link receives and what it sends (ingress and egress), a superset of <see cref="Ingress"/>.</summary>
    Clsact,
}
