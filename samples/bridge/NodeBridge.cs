using System.Net;
using System.Net.Sockets;
using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// The Linux bridge in the node's namespace that every container of the network is plugged into.
/// It is shared: ADD creates it when missing and DEL never removes it, as the reference does.
/// </summary>
internal static class NodeBridge
{
    /// <summary>Creates the bridge or reuses it, and brings it up; returns it as it was before any port of this ADD joined.</summary>
    public static LinkInfo Ensure(NetlinkSocket node, BridgeConfig config)
    {
        var name = config.BridgeName;

        // Usually an earlier ADD made it: a lookup is cheaper than a create the kernel refuses.
        var bridge = new LinkInfo();
        if (TryLookup(node, name, bridge))
        {
            EnsureIsBridge(bridge);
        }
        else
        {
            Create(node, name, config);
            bridge = Lookup(node, name);
        }

        if (config.PromiscMode)
        {
            node.SetLinkPromiscuous(bridge.Index, true);
        }

        // The bridge must not configure itself from router advertisements on the node's side.
        Sysctl.TryWrite($"net/ipv6/conf/{name}/accept_ra", "0");
        if (!bridge.IsUp)
        {
            node.SetLinkUp(bridge.Index);
        }

        return bridge;
    }

    private static bool TryLookup(NetlinkSocket node, string name, LinkInfo bridge)
    {
        try
        {
            return node.TryGetLink(name, bridge);
        }
        catch (NetlinkException)
        {
            // A name the kernel refuses (16 characters or more): the create reports it as the reference does.
            return false;
        }
    }

    private static void Create(NetlinkSocket node, string name, BridgeConfig config)
    {
        try
        {
            node.AddLink(new BridgeSpec(name)
            {
                Mtu = config.Mtu > 0 ? config.Mtu : null,
                // Sent only when asked for: a kernel without VLAN filtering refuses the attribute.
                VlanFiltering = config.UsesVlans ? true : null,
            });
        }
        catch (NetlinkException e) when (e.IsExists)
        {
            // A concurrent ADD made it a moment ago (checked by the caller to be a bridge).
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to create bridge \"{name}\": could not add \"{name}\": {KernelError.Text(e)}", e);
        }
    }

    /// <summary>The bridge as it is now (its MAC goes into the result); an error when it is missing or not a bridge.</summary>
    public static LinkInfo Lookup(NetlinkSocket node, string name)
    {
        LinkInfo bridge;
        try
        {
            bridge = node.GetLink(name);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to create bridge \"{name}\": could not lookup \"{name}\": {KernelError.Text(e)}", e);
        }

        return EnsureIsBridge(bridge);
    }

    private static LinkInfo EnsureIsBridge(LinkInfo link)
        => link.Kind == "bridge"
            ? link
            : throw new CniException($"failed to create bridge \"{link.Name}\": \"{link.Name}\" already exists but is not a bridge");

    /// <summary>
    /// The gateway addresses go on the bridge, IPv4 then IPv6, and the node forwards each family
    /// that has one. With <c>vlan</c> they go on the VLAN's gateway interface instead, which is
    /// returned for the result (the reference's 4th interface).
    /// </summary>
    public static LinkInfo? AddGateways(NetlinkSocket node, LinkInfo bridge, BridgeConfig config, Gateways gateways)
    {
        LinkInfo? vlanGateway = null;
        foreach (var family in (List<IPCidr>[])[gateways.IPv4, gateways.IPv6])
        {
            foreach (var gateway in family)
            {
                if (config.Vlan == 0)
                {
                    EnsureGatewayAddress(node, bridge, gateway, config.ForceAddress, "failed to set bridge addr");
                }
                else
                {
                    vlanGateway ??= VlanGateway.Ensure(node, bridge, config);
                    EnsureGatewayAddress(node, vlanGateway, gateway, config.ForceAddress, "failed to set vlan interface for bridge with addr");
                }
            }

            if (family.Count > 0)
            {
                try
                {
                    Sysctl.EnableForwarding(family[0].Address.AddressFamily);
                }
                catch (IOException e)
                {
                    throw new CniException($"failed to enable forwarding: {e.Message}", e);
                }
            }
        }

        return vlanGateway;
    }

    /// <summary>
    /// Puts a gateway address on the bridge (the reference's ensureAddr): an existing conflicting
    /// address is an error, or is replaced with forceAddress. After a change the bridge's MAC is
    /// pinned to the MAC it had before this ADD's port joined (the reference does the same), so
    /// it stays stable as ports come and go instead of following the smallest port MAC.
    /// </summary>
    private static void EnsureGatewayAddress(NetlinkSocket node, LinkInfo bridge, IPCidr gateway, bool forceAddress, string failure)
    {
        var (bridgeIndex, bridgeName) = (bridge.Index, bridge.Name);
        var family = gateway.Address.AddressFamily;
        var conflicts = new List<IPCidr>();
        foreach (var address in node.DumpAddresses(family, bridgeIndex))
        {
            var existing = new IPCidr(address.GetAddress(), address.PrefixLength);
            if (existing == gateway)
            {
                return;
            }

            // Any other IPv4 address conflicts; an IPv6 one only when one subnet holds the other.
            if (family == AddressFamily.InterNetwork
                || existing.Network.Contains(gateway.Address)
                || gateway.Network.Contains(existing.Address))
            {
                conflicts.Add(existing);
            }
        }

        foreach (var conflict in conflicts)
        {
            if (!forceAddress)
            {
                throw new CniException($"{failure}: \"{bridgeName}\" already has an IP address different from {gateway}");
            }

            try
            {
                node.DeleteAddress(bridgeIndex, conflict.Address, conflict.PrefixLength);
            }
            catch (NetlinkException e)
            {
                throw new CniException($"{failure}: could not remove IP address from \"{bridgeName}\": {KernelError.Text(e)}", e);
            }
        }

        try
        {
            node.AddAddress(bridgeIndex, gateway);
        }
        catch (NetlinkException e) when (e.IsExists)
        {
            // A concurrent ADD put it there a moment ago.
        }
        catch (NetlinkException e)
        {
            throw new CniException($"{failure}: could not add IP address to \"{bridgeName}\": {KernelError.Text(e)}", e);
        }

        try
        {
            node.SetLinkHardwareAddress(bridgeIndex, bridge.HardwareAddress);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"{failure}: could not set bridge's mac: {KernelError.Text(e)}", e);
        }
    }
}
