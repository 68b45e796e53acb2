using Cni.Netlink.Internal.Writing;

namespace Cni.Netlink;

/// <summary>A dummy link to create: a link that drops what it is sent, a place to hang addresses.</summary>
/// <param name="name">The link's name.</param>
public sealed class DummySpec(string name) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "dummy";

    internal override bool WriteInfoData(ref NetlinkWriter writer) => false;
}
