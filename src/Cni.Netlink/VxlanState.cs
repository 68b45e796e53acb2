using System.Net;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A VXLAN link's settings as the kernel reports them (IFLA_INFO_DATA of a vxlan link): the read side of <see cref="VxlanSpec"/>.</summary>
/// <param name="Vni">The VXLAN network identifier (IFLA_VXLAN_ID).</param>
/// <param name="Local">The local source address (IFLA_VXLAN_LOCAL / LOCAL6), <see langword="null"/> when unset.</param>
/// <param name="Port">The UDP destination port (IFLA_VXLAN_PORT).</param>
/// <param name="UnderlayIndex">The link the tunnel's packets leave by (IFLA_VXLAN_LINK), 0 when unset.</param>
/// <param name="Learning">Whether remote MAC addresses are learned from received packets (IFLA_VXLAN_LEARNING).</param>
public readonly record struct VxlanState(int Vni, IPAddress? Local, ushort Port, int UnderlayIndex, bool Learning)
{
    /// <summary>Reads the IFLA_VXLAN_* attributes; <paramref name="previousLocal"/> is returned again when the address did not change, so a reused <see cref="LinkInfo"/> allocates nothing.</summary>
    internal static VxlanState Parse(ReadOnlySpan<byte> attributes, IPAddress? previousLocal)
    {
        int vni = 0, underlay = 0;
        ushort port = 0;
        var learning = false;
        ReadOnlySpan<byte> local = default;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case IflaVxlan.Id:
                    vni = (int)attribute.GetUInt32();
                    break;
                case IflaVxlan.Local:
                case IflaVxlan.Local6:
                    local = AddressMessage.ValidAddress(attribute.Value);
                    break;
                case IflaVxlan.Port:
                    port = attribute.GetUInt16BigEndian();
                    break;
                case IflaVxlan.Link:
                    underlay = attribute.GetInt32();
                    break;
                case IflaVxlan.Learning:
                    learning = attribute.GetUInt8() != 0;
                    break;
            }
        }

        return new VxlanState(vni, ReusedAddress.From(local, previousLocal), port, underlay, learning);
    }
}
