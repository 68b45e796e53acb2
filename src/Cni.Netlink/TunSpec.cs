using Cni.Netlink.Internal.Writing;

namespace Cni.Netlink;

/// <summary>
/// A persistent tun or tap link to create, as <c>ip tuntap add</c> makes one: the kernel refuses
/// to create this kind over rtnetlink, so <see cref="NetlinkSocket.AddLink(LinkSpec)"/> opens
/// <c>/dev/net/tun</c> in the socket's namespace, attaches it to the name with TUNSETIFF
/// (<c>IFF_NO_PI</c>: packets come without the 4-byte protocol header), sets the owner and group,
/// makes the link persistent (TUNSETPERSIST) and closes the file. The common settings (MTU, MAC,
/// master, queue length, up, namespace) then go in one rtnetlink request. Delete it with
/// <see cref="NetlinkSocket.DeleteLink(int)"/> like any link.
/// </summary>
/// <param name="name">The link's name.</param>
/// <param name="mode">tun (IP packets) or tap (Ethernet frames).</param>
public sealed class TunSpec(string name, TunMode mode = TunMode.Tap) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "tun";

    /// <summary>tun or tap.</summary>
    public TunMode Mode { get; } = mode;

    /// <summary>Give the link several queues, each opened by its own file (IFF_MULTI_QUEUE).</summary>
    public bool MultiQueue { get; set; }

    /// <summary>The user id allowed to attach to the link besides root (TUNSETOWNER); <see langword="null"/> for none.</summary>
    public uint? Owner { get; set; }

    /// <summary>The group id allowed to attach to the link (TUNSETGROUP); <see langword="null"/> for none.</summary>
    public uint? Group { get; set; }

    internal bool HasCommonSettings
        => Mtu is not null || HardwareAddress is not null || MasterIndex is not null || TransmitQueueLength is not null || Up || Namespace is not null;

    /// <summary>Nothing: tun links carry no IFLA_INFO_DATA in requests (the kernel answers EOPNOTSUPP to one).</summary>
    internal override bool WriteInfoData(ref NetlinkWriter writer) => false;
}
