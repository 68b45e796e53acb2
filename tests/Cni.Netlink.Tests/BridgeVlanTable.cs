namespace Cni.Netlink.Tests;

/// <summary>The VLANs the kernel reports for one bridge port (or the bridge itself), in dump order.</summary>
internal static class BridgeVlanTable
{
    public static List<BridgeVlan> Read(NetlinkSocket socket, int index)
    {
        var vlans = new List<BridgeVlan>();
        foreach (var entry in socket.DumpBridgePorts())
        {
            if (entry.Index == index)
            {
                foreach (var vlan in entry.Vlans)
                {
                    vlans.Add(vlan);
                }
            }
        }

        return vlans;
    }
}
