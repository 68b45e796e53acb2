using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>The host end of the veth as a port of the bridge: its hairpin and isolation flags and its VLANs (<see cref="PortVlans"/>).</summary>
internal static class BridgePort
{
    public static void Configure(NetlinkSocket node, LinkInfo host, BridgeConfig config)
    {
        try
        {
            // Both flags set either way, as the reference sets them (isolation since its 1.5).
            node.SetBridgePort(host.Index, new BridgePortSettings { Hairpin = config.HairpinMode, Isolated = config.PortIsolation });
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to setup hairpin mode for {host.Name}: {KernelError.Text(e)}", e);
        }

        PortVlans.Configure(node, host, config.Vlan, config.TrunkVlans, config.PreserveDefaultVlan);
    }
}
