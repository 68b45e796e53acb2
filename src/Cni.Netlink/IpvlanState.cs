using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>An ipvlan link's settings as the kernel reports them (IFLA_INFO_DATA of an ipvlan link): the read side of <see cref="IpvlanSpec"/>.</summary>
/// <param name="Mode">The layer it switches at (IFLA_IPVLAN_MODE).</param>
/// <param name="Isolation">How ipvlans on one parent reach each other (IFLA_IPVLAN_FLAGS).</param>
public readonly record struct IpvlanState(IpvlanMode Mode, IpvlanIsolation Isolation)
{
    internal static IpvlanState Parse(ReadOnlySpan<byte> attributes)
    {
        IpvlanMode mode = 0;
        IpvlanIsolation isolation = 0;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case IflaIpvlan.Mode:
                    mode = (IpvlanMode)attribute.GetUInt16();
                    break;
                case IflaIpvlan.Flags:
                    isolation = (IpvlanIsolation)attribute.GetUInt16();
                    break;
            }
        }

        return new IpvlanState(mode, isolation);
    }
}
