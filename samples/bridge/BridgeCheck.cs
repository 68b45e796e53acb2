using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// CHECK, as the reference makes it: what the previous ADD reported (prevResult) must still hold.
/// The bridge, the container interface and its veth peer on the bridge, the container's addresses
/// and routes. Masquerade rules, hairpin and the bridge's address are not looked at.
/// </summary>
internal static class BridgeCheck
{
    public static void Run(CniRequest<BridgeConfig> request, NetlinkSocket node, ContainerNamespace container)
    {
        var config = request.Config;
        var previous = request.PrevResult ?? throw new CniException("Required prevResult missing");
        var netns = request.NetNs!;
        var bridgeEntry = previous.Interfaces.FirstOrDefault(i => i.Name == config.BridgeName);
        var containerEntry = previous.Interfaces.FirstOrDefault(i => i.Name == request.IfName && i.Sandbox == netns);

        LinkInfo? bridge = bridgeEntry is null ? null : CheckBridge(node, bridgeEntry, config);
        if (containerEntry is null)
        {
            throw new CniException($"Sandbox in prevResult  doesn't match configured netns: {netns}");
        }

        var containerLink = CheckContainerInterface(container.Socket, containerEntry);
        var vethFound = false;
        foreach (var entry in previous.Interfaces)
        {
            if (entry.Name == config.BridgeName || entry.Name == request.IfName)
            {
                continue;
            }

            if (IsPeerOnBridge(node, entry, containerLink, bridge))
            {
                vethFound = true;
                break;
            }
        }

        if (bridge is null)
        {
            throw new CniException($"CNI created bridge {config.BridgeName} in host namespace was not found");
        }

        if (!vethFound)
        {
            throw new CniException($"CNI veth created for bridge {config.BridgeName} was not found");
        }

        ExpectedState.CheckAddresses(container.Socket, request.IfName, previous.IPs);
        ExpectedState.CheckRoutes(container.Socket, previous.Routes);
    }

    private static LinkInfo CheckBridge(NetlinkSocket node, CniInterface entry, BridgeConfig config)
    {
        var bridge = FindLink(node, entry.Name);
        if (!string.IsNullOrEmpty(entry.Sandbox))
        {
            throw new CniException($"Interface {entry.Name} should not be in sandbox");
        }

        if (bridge.Kind != "bridge")
        {
            throw new CniException($"Interface {entry.Name} does not have link type of bridge");
        }

        if (entry.Mac is not null && entry.Mac != MacAddress.Format(bridge.HardwareAddress))
        {
            throw new CniException($"Bridge interface {entry.Name} Mac doesn't match: {entry.Mac}");
        }

        var promiscuous = (bridge.Flags & InterfaceFlags.Promiscuous) != 0;
        if (promiscuous != config.PromiscMode)
        {
            throw new CniException($"Bridge interface {entry.Name} configured Promisc Mode {Bool(config.PromiscMode)} doesn't match current state: {Bool(promiscuous)} ");
        }

        return bridge;
    }

    private static LinkInfo CheckContainerInterface(NetlinkSocket container, CniInterface entry)
    {
        var link = FindLink(container, entry.Name);
        if (string.IsNullOrEmpty(entry.Sandbox))
        {
            throw new CniException($"Interface {entry.Name} is expected to be in a sandbox");
        }

        if (link.Kind != "veth")
        {
            throw new CniException($"Error: Container interface {entry.Name} not of type veth");
        }

        if (link.ParentIndex == 0)
        {
            throw new CniException($"Unable to obtain veth peer index for veth {entry.Name}");
        }

        var mac = MacAddress.Format(link.HardwareAddress);
        return entry.Mac is null || entry.Mac == mac
            ? link
            : throw new CniException($"Interface {entry.Name} Mac {entry.Mac} doesn't match container Mac: {mac}");
    }

    // A host-side entry counts when it is the container interface's veth peer and a port of the bridge.
    private static bool IsPeerOnBridge(NetlinkSocket node, CniInterface entry, LinkInfo containerLink, LinkInfo? bridge)
    {
        var link = FindLink(node, entry.Name);
        if (!string.IsNullOrEmpty(entry.Sandbox))
        {
            throw new CniException($"Interface {entry.Name} should not be in sandbox");
        }

        if (link.Kind != "veth"
            || link.Index != containerLink.ParentIndex
            || link.ParentIndex != containerLink.Index
            || bridge is null
            || link.MasterIndex != bridge.Index)
        {
            return false;
        }

        return entry.Mac is null || entry.Mac == MacAddress.Format(link.HardwareAddress)
            ? true
            : throw new CniException($"Interface {entry.Name} Mac doesn't match: {entry.Mac} not found");
    }

    private static LinkInfo FindLink(NetlinkSocket socket, string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new CniException("Interface name missing ");
        }

        var link = new LinkInfo();
        return socket.TryGetLink(name, link) ? link : throw new CniException($"Interface name {name} not found");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
