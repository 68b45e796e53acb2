using System.Net.NetworkInformation;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A veth pair to create: the link <see cref="LinkSpec.Name"/> and its peer, which can be made
/// directly inside another namespace (what a CNI plugin does for the container side), so it never
/// appears in the host namespace, even briefly.
/// </summary>
/// <param name="name">The first end's name.</param>
/// <param name="peerName">The peer's name.</param>
public sealed class VethSpec(string name, string peerName) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "veth";

    /// <summary>The peer's name.</summary>
    public string PeerName { get; } = string.IsNullOrEmpty(peerName) ? throw new ArgumentException("A veth peer needs a name.", nameof(peerName)) : peerName;

    /// <summary>The peer's MTU; <see langword="null"/> uses <see cref="LinkSpec.Mtu"/>.</summary>
    public int? PeerMtu { get; set; }

    /// <summary>The peer's transmit queue length (IFLA_TXQLEN); <see langword="null"/> uses <see cref="LinkSpec.TransmitQueueLength"/>.</summary>
    public int? PeerTransmitQueueLength { get; set; }

    /// <summary>The peer's MAC address, or <see langword="null"/> for a random one.</summary>
    public PhysicalAddress? PeerHardwareAddress { get; set; }

    /// <summary>The namespace to create the peer in, or <see langword="null"/> for the first end's.</summary>
    public NetworkNamespace? PeerNamespace { get; set; }

    internal override NetworkNamespace? OtherNamespace => PeerNamespace;

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        var peer = writer.BeginNested(VethInfo.Peer);
        writer.Reserve<ifinfomsg>();
        writer.PutString(Ifla.IfName, PeerName);
        if ((PeerMtu ?? Mtu) is { } mtu)
        {
            writer.PutInt32(Ifla.Mtu, mtu);
        }

        if ((PeerTransmitQueueLength ?? TransmitQueueLength) is { } queue)
        {
            writer.PutInt32(Ifla.TxQLen, queue);
        }

        if (PeerHardwareAddress is not null)
        {
            writer.Put(Ifla.Address, PeerHardwareAddress.GetAddressBytes());
        }

        if (PeerNamespace is not null)
        {
            writer.PutInt32(Ifla.NetNsFd, PeerNamespace.FileDescriptor);
        }

        writer.EndNested(peer);
        return true;
    }
}
