using System.Net.NetworkInformation;
using Cni.Netlink.Internal.Writing;

namespace Cni.Netlink;

/// <summary>
/// A link to create with <see cref="NetlinkSocket.AddLink(LinkSpec)"/>: its name, kind and the
/// settings every kind shares. The derived classes add what their kind needs.
/// </summary>
public abstract class LinkSpec
{
    private protected LinkSpec(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The link's name (IFLA_IFNAME), at most 15 bytes.</summary>
    public string Name { get; }

    /// <summary>The kind the kernel knows the link type by (IFLA_INFO_KIND), for example "bridge".</summary>
    public abstract string Kind { get; }

    /// <summary>The MTU (IFLA_MTU), or <see langword="null"/> for the kind's default.</summary>
    public int? Mtu { get; set; }

    /// <summary>The MAC address (IFLA_ADDRESS), or <see langword="null"/> for a random one.</summary>
    public PhysicalAddress? HardwareAddress { get; set; }

    /// <summary>The index of the bridge (or bond) to enslave the link to (IFLA_MASTER).</summary>
    public int? MasterIndex { get; set; }

    /// <summary>The transmit queue length (IFLA_TXQLEN).</summary>
    public int? TransmitQueueLength { get; set; }

    /// <summary>Create the link up (IFF_UP), saving a request.</summary>
    public bool Up { get; set; }

    /// <summary>
    /// Create the link directly inside this network namespace (IFLA_NET_NS_FD) instead of the
    /// socket's; it must stay open until <see cref="NetlinkSocket.AddLink(LinkSpec)"/> returns.
    /// </summary>
    public NetworkNamespace? Namespace { get; set; }

    /// <summary>The link this one stacks on (IFLA_LINK), 0 for none.</summary>
    private protected virtual int ParentLinkIndex => 0;

    /// <summary>A second namespace the request names (the veth peer's).</summary>
    internal virtual NetworkNamespace? OtherNamespace => null;

    internal int Parent => ParentLinkIndex;

    /// <summary>Writes the kind's attributes inside IFLA_INFO_DATA; returns false when there are none.</summary>
    internal abstract bool WriteInfoData(ref NetlinkWriter writer);
}
