using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// A bridge port's flags (IFLA_BRPORT_*), both ways. To change them (<see cref="NetlinkSocket.SetBridgePort"/>),
/// as <c>bridge link set dev PORT hairpin on isolated on learning off</c> does: <see langword="null"/>
/// leaves a flag as it is. Read back (<see cref="LinkMessage.TryGetBridgePort"/>,
/// <see cref="BridgePortMessage.Port"/>): the kernel's values, <see langword="null"/> for a flag it did not
/// report. A struct, so building one allocates nothing.
/// </summary>
public record struct BridgePortSettings
{
    /// <summary>Hairpin mode (IFLA_BRPORT_MODE): frames may leave by the port they came in, so a container reaches itself through a service address.</summary>
    public bool? Hairpin { get; set; }

    /// <summary>Isolation (IFLA_BRPORT_ISOLATED): isolated ports forward only to ports that are not isolated.</summary>
    public bool? Isolated { get; set; }

    /// <summary>MAC learning on the port (IFLA_BRPORT_LEARNING); on by default.</summary>
    public bool? Learning { get; set; }

    /// <summary>Reads the IFLA_BRPORT_* attributes of IFLA_INFO_SLAVE_DATA or IFLA_PROTINFO.</summary>
    internal static BridgePortSettings Parse(ReadOnlySpan<byte> attributes)
    {
        var settings = default(BridgePortSettings);
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case IflaBrport.Mode:
                    settings.Hairpin = attribute.GetUInt8() != 0;
                    break;
                case IflaBrport.Isolated:
                    settings.Isolated = attribute.GetUInt8() != 0;
                    break;
                case IflaBrport.Learning:
                    settings.Learning = attribute.GetUInt8() != 0;
                    break;
            }
        }

        return settings;
    }
}
