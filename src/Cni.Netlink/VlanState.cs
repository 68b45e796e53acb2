using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A vlan link's settings as the kernel reports them (IFLA_INFO_DATA of a vlan link): the read side of <see cref="VlanSpec"/>.</summary>
/// <param name="VlanId">The VLAN identifier (IFLA_VLAN_ID).</param>
/// <param name="Protocol">The tag's EtherType (IFLA_VLAN_PROTOCOL).</param>
public readonly record struct VlanState(ushort VlanId, VlanProtocol Protocol)
{
    internal static VlanState Parse(ReadOnlySpan<byte> attributes)
    {
        ushort id = 0;
        var protocol = VlanProtocol.Dot1Q;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case IflaVlan.Id:
                    id = attribute.GetUInt16();
                    break;
                case IflaVlan.Protocol:
                    protocol = (VlanProtocol)attribute.GetUInt16BigEndian();
                    break;
            }
        }

        return new VlanState(id, protocol);
    }
}
