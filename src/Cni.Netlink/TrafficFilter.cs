namespace Cni.Netlink;

/// <summary>
/// A filter that redirects every packet a link receives to another link's egress, as <c>tc filter
/// add dev X parent ffff: protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev
/// ifb0</c>: what the bandwidth plugin installs on a container's host veth, so an ifb device can shape
/// the container's upload with a tbf. Build one with <see cref="RedirectIngress"/>. A struct, so
/// building one allocates nothing.
/// </summary>
public record struct TrafficFilter
{
    /// <summary>ETH_P_ALL, every protocol, as an EtherType for <see cref="Protocol"/>.</summary>
    public const ushort AllProtocols = 0x0003;

    /// <summary>The link's index.</summary>
    public int LinkIndex { get; set; }

    /// <summary>
    /// The qdisc or class the filter hangs from: <see cref="TrafficControlHandle.IngressQdisc"/> for
    /// the ingress qdisc, <see cref="TrafficControlHandle.ClsactIngress"/> for a clsact's ingress hook.
    /// </summary>
    public uint Parent { get; set; }

    /// <summary>The priority (<c>prio</c>): lower runs first; 0 lets the kernel pick on add, and in a delete removes every filter under <see cref="Parent"/>.</summary>
    public ushort Priority { get; set; }

    /// <summary>The EtherType the filter sees (host byte order): 0 means <see cref="AllProtocols"/> on add and any in a delete.</summary>
    public ushort Protocol { get; set; }

    /// <summary>The filter's handle, 0 to let the kernel pick on add and to match any in a delete.</summary>
    public uint Handle { get; set; }

    /// <summary>The classifier that matches every packet; <see cref="TrafficFilterClassifier.U32"/> by default.</summary>
    public TrafficFilterClassifier Classifier { get; set; }

    /// <summary>The link every matched packet is sent out of (a mirred <c>egress redirect</c> action); not sent in a delete.</summary>
    public int RedirectLinkIndex { get; set; }

    /// <summary>
    /// Every packet <paramref name="linkIndex"/> receives, redirected to <paramref name="redirectLinkIndex"/>'s
    /// egress: a u32 filter of priority 1 for all protocols on the ingress qdisc (add that first).
    /// </summary>
    /// <param name="linkIndex">The link whose ingress is redirected.</param>
    /// <param name="redirectLinkIndex">The link that sends the packets (an ifb device, which hands them back to <paramref name="linkIndex"/>'s receive path).</param>
    /// <returns>The filter.</returns>
    public static TrafficFilter RedirectIngress(int linkIndex, int redirectLinkIndex) => new()
    {
        LinkIndex = linkIndex,
        Parent = TrafficControlHandle.IngressQdisc,
        Priority = 1,
        Protocol = AllProtocols,
        RedirectLinkIndex = redirectLinkIndex,
    };
}
