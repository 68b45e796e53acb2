namespace Cni.Netlink;

/// <summary>
/// Flags to change on a bridge port (<see cref="NetlinkSocket.SetBridgePort"/>), as
/// <c>bridge link set dev PORT hairpin on isolated on learning off</c> does. <see langword="null"/>
/// leaves a flag as it is. A struct, so building one allocates nothing.
/// </summary>
public record struct BridgePortSettings
{
    /// <summary>Hairpin mode (IFLA_BRPORT_MODE): frames may leave by the port they came in, so a container reaches itself through a service address.</summary>
    public bool? Hairpin { get; set; }

    /// <summary>Isolation (IFLA_BRPORT_ISOLATED): isolated ports forward only to ports that are not isolated.</summary>
    public bool? Isolated { get; set; }

    /// <summary>MAC learning on the port (IFLA_BRPORT_LEARNING); on by default.</summary>
    public bool? Learning { get; set; }
}
