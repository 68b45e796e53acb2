using System.Globalization;
using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// With <c>vlan</c> and <c>isGateway</c>, the gateway address cannot sit on the bridge (its
/// traffic would be in the bridge's default VLAN): as the reference does, it goes on
/// <c>&lt;bridge&gt;.&lt;vlan&gt;</c>, one end of a veth pair on the node whose other end is a
/// port of the bridge in that VLAN. It is shared by every container of the VLAN: made by the first
/// ADD, never removed (like the bridge).
/// </summary>
internal static class VlanGateway
{
    private const int NameAttempts = 10;

    public static LinkInfo Ensure(NetlinkSocket node, LinkInfo bridge, BridgeConfig config)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{bridge.Name}.{config.Vlan}");
        var existing = new LinkInfo();
        try
        {
            if (node.TryGetLink(name, existing))
            {
                return existing;
            }
        }
        catch (NetlinkException e)
        {
            // E.g. a bridge name that leaves no room for ".<vid>" in 15 characters.
            throw new CniException($"failed to create vlan interface: failed to find interface \"{name}\": {KernelError.Text(e)}", e);
        }

        var failure = $"failed to create vlan interface: faild to create vlan gateway \"{name}\"";
        LinkInfo? port;
        try
        {
            port = CreatePair(node, bridge, name);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"{failure}: {KernelError.Text(e)}", e);
        }

        if (port is null)
        {
            // A concurrent ADD in the same VLAN made it first: share it, as if it had been found.
            return node.GetLink(name);
        }

        try
        {
            PortVlans.Configure(node, port, config.Vlan, [], config.PreserveDefaultVlan);
            var gateway = node.GetLink(name);
            node.SetLinkUp(gateway.Index);
            return node.GetLink(name);
        }
        catch (Exception e) when (e is NetlinkException or CniException)
        {
            // Half made it would be found and reused by the next ADD: remove it (the pair goes together).
            try
            {
                node.DeleteLink(port.Index);
            }
            catch (NetlinkException)
            {
                // The error that stopped the ADD is the one to report.
            }

            throw new CniException($"{failure}: {(e is NetlinkException n ? KernelError.Text(n) : e.Message)}", e);
        }
    }

    // The port end gets a random veth name, the gateway end the fixed one. The gateway end is the
    // link made and the port its peer, as the reference makes them: the kernel registers the peer
    // first, so the port has the lower index. Null when the gateway end exists by now.
    private static LinkInfo? CreatePair(NetlinkSocket node, LinkInfo bridge, string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            var portName = VethPair.RandomHostName();
            try
            {
                node.AddLink(new VethSpec(name, portName) { Mtu = bridge.Mtu, PeerMtu = bridge.Mtu, TransmitQueueLength = 0 });
            }
            catch (NetlinkException e) when (e.IsExists)
            {
                if (node.TryGetLink(name, new LinkInfo()))
                {
                    return null;
                }

                if (attempt >= NameAttempts)
                {
                    throw;
                }

                // The random port name is taken: try another.
                continue;
            }

            var port = node.GetLink(portName);
            try
            {
                node.SetLinkMaster(port.Index, bridge.Index);
                node.SetLinkUp(port.Index);
            }
            catch (NetlinkException)
            {
                // Half made, the pair would be found and reused by the next ADD: it goes, both ends together.
                node.DeleteLink(port.Index);
                throw;
            }

            Sysctl.TryWrite($"net/ipv6/conf/{portName}/accept_ra", "0");
            return node.GetLink(portName);
        }
    }
}
