using System.Net;
using System.Net.Sockets;
using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>
/// The container's interface, configured from inside its namespace as the reference's
/// <c>ipam.ConfigureIface</c> does: up, the result's addresses, then its routes; and removed
/// again on DEL. Failures are <see cref="CniException"/>s worded as the reference's.
/// </summary>
public static class ContainerInterface
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Brings the interface up, adds the result's addresses that belong to it, then the result's
    /// routes. A route without a gateway goes through the gateway of the first address of its
    /// family. Routes go in next to those already there (<see cref="NetlinkSocket.AddRouteAlongside"/>):
    /// a container attached to a second network gets that network's default route beside the
    /// first's, as with the reference.
    /// </summary>
    /// <param name="container">The container's namespace.</param>
    /// <param name="linkIndex">The interface's index in that namespace.</param>
    /// <param name="ifName">The interface's name (CNI_IFNAME), for the result's interface indexes and for messages.</param>
    /// <param name="result">The result: <see cref="CniResult.IPs"/> whose <see cref="CniIPConfig.Interface"/> is unset or names <paramref name="ifName"/>, and <see cref="CniResult.Routes"/>.</param>
    /// <param name="waitForDad">With an IPv6 gateway, wait (up to 10 s, by kernel events) until no address is tentative, so the routes can use them.</param>
    /// <exception cref="CniException">A step failed; the message is the reference's.</exception>
    public static void Configure(ContainerNamespace container, int linkIndex, string ifName, CniResult result, bool waitForDad)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(result);
        var socket = container.Socket;
        try
        {
            socket.SetLinkUp(linkIndex);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to set \"{ifName}\" UP: {KernelError.Text(e)}", e);
        }

        IPAddress? gateway4 = null, gateway6 = null;
        foreach (var ip in result.IPs)
        {
            if (ip.Interface is int index && (index >= result.Interfaces.Count || result.Interfaces[index].Name != ifName))
            {
                throw new CniException($"failed to add IP addr {ip.Address} to \"{ifName}\": invalid interface index");
            }

            try
            {
                socket.AddAddress(linkIndex, ip.Address);
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to add IP addr {ip.Address} to \"{ifName}\": {KernelError.Text(e)}", e);
            }

            if (ip.Address.IsIPv4)
            {
                gateway4 ??= ip.Gateway;
            }
            else
            {
                gateway6 ??= ip.Gateway;
            }
        }

        if (gateway6 is not null && waitForDad)
        {
            WaitForDad(socket, container.Handle, linkIndex);
        }

        foreach (var route in result.Routes)
        {
            var request = route.ToRoute(linkIndex, route.Destination.IsIPv4 ? gateway4 : gateway6);
            try
            {
                socket.AddRouteAlongside(request);
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to add route '{GoText.Network(route.Destination)} via {GoText.Address(request.Gateway)} dev {ifName}': {KernelError.Text(e)}", e);
            }
        }
    }

    /// <summary>Brings the interface up and nothing else (a network without IPAM, L2 only).</summary>
    /// <param name="container">A socket in the container's namespace.</param>
    /// <param name="linkIndex">The interface's index.</param>
    /// <param name="ifName">Its name, for the message.</param>
    /// <exception cref="CniException">The kernel refused.</exception>
    public static void SetUp(NetlinkSocket container, int linkIndex, string ifName)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            container.SetLinkUp(linkIndex);
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to set \"{ifName}\" up: {KernelError.Text(e)}", e);
        }
    }

    /// <summary>
    /// Deletes the interface (a veth's peer on the node goes with it). A missing interface is no
    /// error: DEL may run after a failed ADD, or twice.
    /// </summary>
    /// <param name="container">A socket in the container's namespace.</param>
    /// <param name="ifName">The interface's name.</param>
    /// <exception cref="CniException">The kernel refused for another reason.</exception>
    public static void Delete(NetlinkSocket container, string ifName)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            container.DeleteLink(ifName);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            // Already gone.
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to delete \"{ifName}\": {KernelError.Text(e)}", e);
        }
    }

    // With DAD on, IPv6 addresses are tentative for a while; wait (by events, not polling) until
    // none is. Like the reference, running out of time is not an error.
    private static void WaitForDad(NetlinkSocket container, NetworkNamespace containerNamespace, int linkIndex)
    {
        using var monitor = NetlinkMonitor.Open(containerNamespace, NetlinkGroups.IPv6Address);
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (HasTentative(container, linkIndex))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !monitor.WaitForAddress(a => a.LinkIndex == linkIndex, left))
            {
                return;
            }
        }
    }

    private static bool HasTentative(NetlinkSocket container, int linkIndex)
    {
        foreach (var address in container.DumpAddresses(AddressFamily.InterNetworkV6, linkIndex))
        {
            if ((address.Flags & AddressFlags.Tentative) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
