namespace Cni.Netlink;

/// <summary>
/// A queueing discipline to add, replace or delete on a link, as <c>tc qdisc add dev X root tbf
/// ...</c>, <c>tc qdisc add dev X ingress</c> or <c>tc qdisc add dev X clsact</c>. Build one with
/// <see cref="Tbf"/>, <see cref="Ingress"/> or <see cref="Clsact"/>. A struct, so building one
/// allocates nothing.
/// </summary>
public record struct Qdisc
{
    /// <summary>The kind.</summary>
    public QdiscKind Kind { get; set; }

    /// <summary>The link's index.</summary>
    public int LinkIndex { get; set; }

    /// <summary>
    /// A tbf's handle (<see cref="TrafficControlHandle.Make"/>; <c>1:</c> is what the bandwidth plugin
    /// uses), 0 to let the kernel pick one on add and to match any on delete. The ingress and clsact
    /// qdiscs always have <see cref="TrafficControlHandle.IngressQdisc"/>.
    /// </summary>
    public uint Handle { get; set; }

    /// <summary>
    /// A tbf's parent: <see cref="TrafficControlHandle.Root"/> (also what 0 means) or a class of
    /// another qdisc. The ingress and clsact qdiscs always hang from <see cref="TrafficControlHandle.IngressParent"/>.
    /// </summary>
    public uint Parent { get; set; }

    /// <summary>A tbf's settings; not sent when the qdisc is deleted.</summary>
    public TokenBucket TokenBucket { get; set; }

    /// <summary>A token bucket filter at the root of a link's egress, as <c>tc qdisc add dev X root tbf ...</c>.</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <param name="tokenBucket">The rate, burst and latency or limit.</param>
    /// <returns>The qdisc.</returns>
    public static Qdisc Tbf(int linkIndex, in TokenBucket tokenBucket)
        => new() { Kind = QdiscKind.Tbf, LinkIndex = linkIndex, Parent = TrafficControlHandle.Root, TokenBucket = tokenBucket };

    /// <summary>The ingress qdisc of a link, as <c>tc qdisc add dev X ingress</c>.</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <returns>The qdisc.</returns>
    public static Qdisc Ingress(int linkIndex)
        => new() { Kind = QdiscKind.Ingress, LinkIndex = linkIndex, Handle = TrafficControlHandle.IngressQdisc, Parent = TrafficControlHandle.IngressParent };

    /// <summary>The clsact qdisc of a link, as <c>tc qdisc add dev X clsact</c>.</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <returns>The qdisc.</returns>
    public static Qdisc Clsact(int linkIndex)
        => new() { Kind = QdiscKind.Clsact, LinkIndex = linkIndex, Handle = TrafficControlHandle.IngressQdisc, Parent = TrafficControlHandle.IngressParent };
}
