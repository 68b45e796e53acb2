using Cni.Netlink.Internal.Writing;

namespace Cni.Netlink;

/// <summary>
/// An ifb (intermediate functional block) link to create: what a filter redirects packets to
/// (<see cref="TrafficFilter"/>) is sent out of it, through its own qdiscs, and then handed back to
/// the link it came from. The bandwidth plugin shapes a container's traffic on one.
/// </summary>
/// <param name="name">The link's name.</param>
public sealed class IfbSpec(string name) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "ifb";

    internal override bool WriteInfoData(ref NetlinkWriter writer) => false;
}
