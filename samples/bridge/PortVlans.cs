using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// The VLANs of a port on the bridge, as the reference (1.3+) sets them: without
/// <c>preserveDefaultVlan</c> the port first leaves every VLAN it joined on its own (the bridge's
/// default PVID 1); then <c>vlan</c> makes it an access port (that VLAN is its PVID, untagged) or
/// <c>vlanTrunk</c> a trunk (those VLANs tagged). A kernel without bridge VLAN filtering refuses
/// the first of these requests ("operation not supported"), which fails the ADD.
/// </summary>
internal static class PortVlans
{
    public static void Configure(NetlinkSocket node, LinkInfo port, int accessVlan, IReadOnlyList<ushort> trunk, bool preserveDefaultVlan)
    {
        if (accessVlan == 0 && trunk.Count == 0)
        {
            return;
        }

        if (!preserveDefaultVlan)
        {
            try
            {
                RemoveAll(node, port.Index);
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to remove default vlan on interface \"{port.Name}\": {KernelError.Text(e)}", e);
            }
        }

        try
        {
            if (accessVlan != 0)
            {
                node.AddBridgeVlan(port.Index, new BridgeVlan((ushort)accessVlan) { Pvid = true, Untagged = true });
            }

            foreach (var id in trunk)
            {
                node.AddBridgeVlan(port.Index, new BridgeVlan(id));
            }
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to setup vlan tag on interface \"{port.Name}\": {KernelError.Text(e)}", e);
        }
    }

    // Every VLAN the port is in, as the bridge reports them: collected first, since the dump is
    // read in place and deleting sends on the same socket.
    private static void RemoveAll(NetlinkSocket node, int portIndex)
    {
        var joined = new List<BridgeVlan>();
        foreach (var entry in node.DumpBridgePorts())
        {
            if (entry.Index == portIndex && entry.IsPort)
            {
                foreach (var vlan in entry.Vlans)
                {
                    joined.Add(vlan);
                }
            }
        }

        foreach (var vlan in joined)
        {
            node.DeleteBridgeVlan(portIndex, vlan);
        }
    }
}
