using System.Net;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A Geneve link's settings as the kernel reports them (IFLA_INFO_DATA of a geneve link): the read side of <see cref="GeneveSpec"/>.</summary>
/// <param name="Vni">The virtual network identifier (IFLA_GENEVE_ID).</param>
/// <param name="Remote">The remote endpoint (IFLA_GENEVE_REMOTE / REMOTE6), <see langword="null"/> when unset.</param>
/// <param name="Ttl">The outer TTL, 0 for the route's (IFLA_GENEVE_TTL).</param>
/// <param name="Tos">The outer TOS (IFLA_GENEVE_TOS).</param>
/// <param name="Port">The UDP destination port (IFLA_GENEVE_PORT).</param>
public readonly record struct GeneveState(int Vni, IPAddress? Remote, byte Ttl, byte Tos, ushort Port)
{
    /// <summary>Reads the IFLA_GENEVE_* attributes; <paramref name="previousRemote"/> is returned again when the address did not change, so a reused <see cref="LinkInfo"/> allocates nothing.</summary>
    internal static GeneveState Parse(ReadOnlySpan<byte> attributes, IPAddress? previousRemote)
    {
        int vni = 0;
        byte ttl = 0, tos = 0;
        ushort port = 0;
        ReadOnlySpan<byte> remote = default;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case IflaGeneve.Id:
                    vni = (int)attribute.GetUInt32();
                    break;
                case IflaGeneve.Remote:
                case IflaGeneve.Remote6:
                    remote = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case IflaGeneve.Ttl:
                    ttl = attribute.GetUInt8();
                    break;
                case IflaGeneve.Tos:
                    tos = attribute.GetUInt8();
                    break;
                case IflaGeneve.Port:
                    port = attribute.GetUInt16BigEndian();
                    break;
            }
        }

        return new GeneveState(vni, ReusedAddress.From(remote, previousRemote), ttl, tos, port);
    }
}
