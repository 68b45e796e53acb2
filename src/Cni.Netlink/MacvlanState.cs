using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A macvlan or macvtap link's settings as the kernel reports them (IFLA_INFO_DATA): the read side of <see cref="MacvlanSpec"/>.</summary>
/// <param name="Mode">How links on one parent reach each other (IFLA_MACVLAN_MODE).</param>
public readonly record struct MacvlanState(MacvlanMode Mode)
{
    internal static MacvlanState Parse(ReadOnlySpan<byte> attributes)
    {
        MacvlanMode mode = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            if (attribute.Type == IflaMacvlan.Mode)
            {
                mode = (MacvlanMode)attribute.GetUInt32();
            }
        }

        return new MacvlanState(mode);
    }
}
