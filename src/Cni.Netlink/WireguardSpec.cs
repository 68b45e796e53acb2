using Cni.Netlink.Internal.Writing;

namespace Cni.Netlink;

/// <summary>
/// A WireGuard link to create. Only the link: its keys and peers are set over generic netlink
/// (the wireguard family), which this library does not speak.
/// </summary>
/// <param name="name">The link's name.</param>
public sealed class WireguardSpec(string name) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "wireguard";

    internal override bool WriteInfoData(ref NetlinkWriter writer) => false;
}
