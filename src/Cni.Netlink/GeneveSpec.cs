using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A Geneve tunnel link to create (RFC 8926): Ethernet frames in UDP to one remote endpoint.</summary>
/// <param name="name">The link's name.</param>
/// <param name="vni">The virtual network identifier, 0 to 16777215 (IFLA_GENEVE_ID).</param>
/// <remarks>
/// The flow label, TTL and TOS are always sent, 0 being the kernel's own default for each, as
/// <c>ip link add ... type geneve</c> sends them.
/// </remarks>
public sealed class GeneveSpec(string name, int vni) : LinkSpec(name)
{
    private const uint FlowLabelMask = 0xFFFFF;

    /// <inheritdoc/>
    public override string Kind => "geneve";

    /// <summary>The virtual network identifier.</summary>
    public int Vni { get; } = vni is >= 0 and <= 0xFFFFFF ? vni : throw new ArgumentOutOfRangeException(nameof(vni), vni, "A VNI has 24 bits.");

    /// <summary>The remote endpoint, IPv4 or IPv6 (IFLA_GENEVE_REMOTE / REMOTE6).</summary>
    public IPAddress? Remote { get; set; }

    /// <summary>The outer packets' TTL (IFLA_GENEVE_TTL); 0 takes the route's hop limit.</summary>
    public byte Ttl { get; set; }

    /// <summary>The outer packets' TOS (IFLA_GENEVE_TOS); 0 for none.</summary>
    public byte Tos { get; set; }

    /// <summary>The outer IPv6 packets' flow label (IFLA_GENEVE_LABEL), 20 bits.</summary>
    public uint FlowLabel
    {
        get;
        set => field = value <= FlowLabelMask ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A flow label has 20 bits.");
    }

    /// <summary>The UDP destination port (IFLA_GENEVE_PORT); <see langword="null"/> is IANA's 6081.</summary>
    public ushort? Port { get; set; }

    internal override bool WriteInfoData(ref NetlinkWriter writer)
    {
        writer.PutUInt32(IflaGeneve.Id, (uint)Vni);
        if (Remote is not null)
        {
            writer.PutAddress(Remote.AddressFamily == AddressFamily.InterNetworkV6 ? IflaGeneve.Remote6 : IflaGeneve.Remote, Remote);
        }

        Span<byte> label = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(label, FlowLabel);
        writer.Put(IflaGeneve.Label, label);
        writer.PutUInt8(IflaGeneve.Ttl, Ttl);
        writer.PutUInt8(IflaGeneve.Tos, Tos);
        if (Port is { } port)
        {
            writer.PutUInt16BigEndian(IflaGeneve.Port, port);
        }

        return true;
    }
}
