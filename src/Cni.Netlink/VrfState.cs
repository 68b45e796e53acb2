using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A VRF's settings as the kernel reports them (IFLA_INFO_DATA of a vrf): the read side of <see cref="VrfSpec"/>.</summary>
/// <param name="Table">The routing table its ports use (IFLA_VRF_TABLE).</param>
public readonly record struct VrfState(uint Table)
{
    /// <summary>Reads the IFLA_VRF_* attributes.</summary>
    internal static VrfState Parse(ReadOnlySpan<byte> attributes)
    {
        uint table = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            if (attribute.Type == IflaVrf.Table)
            {
                table = attribute.GetUInt32();
            }
        }

        return new VrfState(table);
    }
}
