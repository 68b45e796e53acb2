using System.Net;
using System.Net.Sockets;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A VXLAN link to create.</summary>
/// <param name="name">The link's name.</param>
/// <param name="vni">The VXLAN network identifier, 0 to 16777215 (IFLA_VXLAN_ID).</param>
public sealed class VxlanSpec(string name, int vni) : LinkSpec(name)
{
    /// <inheritdoc/>
    public override string Kind => "vxlan";

    /// <summary>The VXLAN network identifier.</summary>
    public int Vni { get; } = vni is >= 0 and <= 0xFFFFFF ? vni : throw new ArgumentOutOfRangeException(nameof(vni), vni, "A VNI has 24 bits.");

    /// <summary>The multicast group or the remote unicast endpoint (IFLA_VXLAN_GROUP / GROUP6).</summary>
    public IPAddress? Group { get; set; }

    /// <summary>The local source address (IFLA_VXLAN_LOCAL / LOCAL6).</summary>
    public IPAddress? Local { get; set; }

    /// <summary>The UDP destination port (IFLA_VXLAN_PORT); <see langword="null"/> is the kernel's 8472. IANA's is 4789.</summary>
    public ushort? Port { get; set; }

    /// <summary>The index of the link the tunnel's packets leave by (IFLA_VXLAN_LINK).</summary>
    public int? UnderlayIndex { get; set; }

    /// <summary>Learn remote MAC addresses from received packets (IFLA_VXLAN_LEARNING).</summary>
    public bool? Learning { get; set; }

    /// <summary>The outer packets' TTL (IFLA_VXLAN_TTL); 0 inherits.</summary>
    public byte? Ttl { get; set; }

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        writer.PutUInt32(IflaVxlan.Id, (uint)Vni);
        if (Group is not null)
        {
            writer.PutAddress(Group.AddressFamily == AddressFamily.InterNetworkV6 ? IflaVxlan.Group6 : IflaVxlan.Group, Group);
        }

        if (Local is not null)
        {
            writer.PutAddress(Local.AddressFamily == AddressFamily.InterNetworkV6 ? IflaVxlan.Local6 : IflaVxlan.Local, Local);
        }

        if (UnderlayIndex is { } underlay)
        {
            writer.PutInt32(IflaVxlan.Link, underlay);
        }

        if (Ttl is { } ttl)
        {
            writer.PutUInt8(IflaVxlan.Ttl, ttl);
        }

        if (Learning is { } learning)
        {
            writer.PutUInt8(IflaVxlan.Learning, learning ? (byte)1 : (byte)0);
        }

        if (Port is { } port)
        {
            writer.PutUInt16BigEndian(IflaVxlan.Port, port);
        }

        return true;
    }
}
