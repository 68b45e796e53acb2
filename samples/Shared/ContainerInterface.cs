using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cni.Netlink;

namespace Cni.Samples;

/// <summary>
/// The container's end of the veth, configured from inside its namespace: up, the IPAM addresses
/// and the routes (the reference's ipam.ConfigureIface), removed again on DEL.
/// </summary>
internal static class ContainerInterface
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Brings the interface up, adds the result's addresses for it, then its routes.</summary>
    public static void Configure(ContainerNamespace containerNamespace, int linkIndex, string ifName, CniResult result, bool waitForDad)
    {
        var container = containerNamespace.Socket;
        try
        {
            container.SetLinkUp(linkIndex);
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
                Addresses.Add(container, linkIndex, ip.Address);
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
            WaitForDad(container, containerNamespace.Handle, linkIndex);
        }

        foreach (var route in result.Routes)
        {
            var gateway = route.Gateway ?? (route.Destination.IsIPv4 ? gateway4 : gateway6);
            // Alongside, as the reference: a container in a second network gets that network's
            // default route next to the first network's, not "file exists".
            try
            {
                container.AddRouteAlongside(new Route
                {
                    Destination = route.Destination.Network.BaseAddress,
                    DestinationPrefixLength = route.Destination.PrefixLength,
                    Gateway = gateway,
                    OutputLinkIndex = linkIndex,
                    Scope = RouteScope.Universe,
                });
            }
            catch (NetlinkException e)
            {
                throw new CniException($"failed to add route '{GoText.Network(route.Destination)} via {GoText.Address(gateway)} dev {ifName}': {KernelError.Text(e)}", e);
            }
        }
    }

    /// <summary>L2 mode (no IPAM): the interface only comes up.</summary>
    public static void SetUp(NetlinkSocket container, int linkIndex, string ifName)
    {
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
    /// Deletes the interface (its veth peer on the node goes with it). A missing interface is
    /// no error: DEL may run after a failed ADD or twice.
    /// </summary>
    public static void Delete(NetlinkSocket container, string ifName)
    {
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

    /// <summary>Turns IPv6 on for an interface (disable_ipv6=0) when it is off; call it inside the container's namespace.</summary>
    public static void EnableIPv6(string name)
    {
        var key = $"net/ipv6/conf/{name}/disable_ipv6";
        string value;
        try
        {
            value = File.ReadAllText("/proc/sys/" + key).Trim();
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"ipam_linux: failed to read sysctl {key.Replace('/', '.')}: {e.Message}");
            return;
        }

        if (value != "0")
        {
            try
            {
                File.WriteAllText("/proc/sys/" + key, "0");
            }
            catch (IOException e)
            {
                throw new CniException(string.Create(CultureInfo.InvariantCulture, $"failed to enable IPv6 for interface \"{name}\" ({key.Replace('/', '.')}={value}): {e.Message}"), e);
            }
        }
    }

    /// <summary>Writes a sysctl that only tunes the interface; call it inside the container's namespace.</summary>
    public static void TryWriteSysctl(string key, string value)
    {
        try
        {
            File.WriteAllText("/proc/sys/" + key, value);
        }
        catch (IOException)
        {
            // As the reference: these only tune the interface, and a kernel without IPv6 has none of them.
        }
    }
}
