using Cni;
using Cni.Netlink;

namespace Ptp;

/// <summary>
/// CHECK, as the reference makes it: the container interface the previous ADD reported
/// (prevResult) is still a veth in the sandbox with its MAC, and its addresses and routes are
/// still there. The node's side is not looked at, as by the reference.
/// </summary>
internal static class PtpCheck
{
    public static void Run(CniRequest<PtpConfig> request, ContainerNamespace container)
    {
        var previous = request.PrevResult ?? throw new CniException("ptp: Required prevResult missing");
        var netns = request.NetNs!;
        var entry = previous.Interfaces.LastOrDefault(i => i.Name == request.IfName && i.Sandbox == netns);
        if (entry is null)
        {
            throw new CniException($"Sandbox in prevResult  doesn't match configured netns: {netns}");
        }

        var link = new LinkInfo();
        if (!container.Socket.TryGetLink(entry.Name, link))
        {
            throw new CniException($"ptp: Container Interface name in prevResult: {entry.Name} not found");
        }

        if (link.Kind != "veth")
        {
            throw new CniException($"Error: Container interface {entry.Name} not of type veth/p2p");
        }

        var mac = MacAddress.Format(link.HardwareAddress);
        if (entry.Mac is not null && entry.Mac != mac)
        {
            throw new CniException($"ptp: Interface {entry.Name} Mac {entry.Mac} doesn't match container Mac: {mac}");
        }

        ExpectedState.CheckAddresses(container.Socket, request.IfName, previous.IPs);
        ExpectedState.CheckRoutes(container.Socket, previous.Routes);
    }
}
