namespace Cni.Netlink;

/// <summary>
/// Traffic control handles: a 16-bit major and a 16-bit minor in one <see cref="uint"/>, written
/// <c>major:minor</c> in hexadecimal by <c>tc</c> (<c>1:</c> is 0x00010000). A qdisc's handle has
/// minor 0; its classes share its major. Also the special parents the kernel knows.
/// </summary>
public static class TrafficControlHandle
{
    /// <summary>The root of a link's egress (TC_H_ROOT): the parent of a qdisc added with <c>tc qdisc add dev X root</c>.</summary>
    public const uint Root = 0xFFFFFFFF;

    /// <summary>The parent of the <c>ingress</c> and <c>clsact</c> qdiscs (TC_H_INGRESS, TC_H_CLSACT).</summary>
    public const uint IngressParent = 0xFFFFFFF1;

    /// <summary><c>ffff:</c>, the handle of the <c>ingress</c> and <c>clsact</c> qdiscs; filters on the ingress qdisc name it as their parent.</summary>
    public const uint IngressQdisc = 0xFFFF0000;

    /// <summary><c>ffff:fff2</c>, the ingress hook of a <c>clsact</c> qdisc (TC_H_MIN_INGRESS): the parent of its ingress filters (<c>tc filter add dev X ingress</c>).</summary>
    public const uint ClsactIngress = 0xFFFFFFF2;

    /// <summary><c>ffff:fff3</c>, the egress hook of a <c>clsact</c> qdisc (TC_H_MIN_EGRESS): the parent of its egress filters (<c>tc filter add dev X egress</c>).</summary>
    public const uint ClsactEgress = 0xFFFFFFF3;

    /// <summary>A handle from its major and minor (TC_H_MAKE): <c>Make(1, 0)</c> is <c>1:</c>.</summary>
    /// <param name="major">The major number.</param>
    /// <param name="minor">The minor number.</param>
    /// <returns>The handle.</returns>
    public static uint Make(ushort major, ushort minor) => ((uint)major << 16) | minor;
}
