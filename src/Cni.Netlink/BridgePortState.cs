using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>A bridge port's flags as the kernel reports them (IFLA_BRPORT_* attributes).</summary>
/// <param name="Hairpin">Hairpin mode (IFLA_BRPORT_MODE).</param>
/// <param name="Isolated">Isolation (IFLA_BRPORT_ISOLATED).</param>
/// <param name="Learning">MAC learning (IFLA_BRPORT_LEARNING).</param>
public readonly record struct BridgePortState(bool Hairpin, bool Isolated, bool Learning)
{
    /// <summary>Reads the IFLA_BRPORT_* attributes of IFLA_INFO_SLAVE_DATA or IFLA_PROTINFO.</summary>
    internal static BridgePortState Parse(ReadOnlySpan<byte> attributes)
    {
        bool hairpin = false, isolated = false, learning = false;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case IflaBrport.Mode:
                    hairpin = attribute.GetUInt8() != 0;
                    break;
                case IflaBrport.Isolated:
                    isolated = attribute.GetUInt8() != 0;
                    break;
                case IflaBrport.Learning:
                    learning = attribute.GetUInt8() != 0;
                    break;
            }
        }

        return new BridgePortState(hairpin, isolated, learning);
    }
}
