using System.Globalization;
using System.Text;
using Cni;
using Cni.Netlink;

namespace MyPlugin;

/// <summary>
/// The container's interface: one end of a veth pair, named CNI_IFNAME, inside the container's
/// network namespace (CNI_NETNS), holding the addresses and routes IPAM chose. The other end
/// (<c>vethXXXXXXXX</c>) stays in this process's namespace, the node's, where a real plugin would
/// attach it to a bridge or route to it. Both ends are made in one request, so the container's end
/// never appears on the node.
/// </summary>
internal static class VethPair
{
    /// <summary>Creates the pair and configures the container's end; returns both ends for the result (node's first).</summary>
    public static (CniInterface Node, CniInterface Container) Create(string netNs, string ifName, int mtu, CniResult addresses)
    {
        using var container = OpenNamespace(netNs)
            ?? throw new CniException(CniErrorCode.InvalidNetNs, $"failed to open netns \"{netNs}\": no such file or directory");
        using var node = NetlinkSocket.Open();
        // A socket opened in the container's namespace: what it changes is the container's.
        using var inside = NetlinkSocket.Open(container);

        // Not a secret, so no cryptographic generator (that would load OpenSSL, milliseconds of every ADD).
        var nodeName = "veth" + Random.Shared.NextInt64(0x1_0000_0000).ToString("x8", CultureInfo.InvariantCulture);
        try
        {
            node.AddLink(new VethSpec(nodeName, ifName)
            {
                Mtu = mtu > 0 ? mtu : null,
                PeerMtu = mtu > 0 ? mtu : null,
                Up = true,
                PeerNamespace = container,
            });
        }
        catch (NetlinkException e)
        {
            throw new CniException($"failed to create the veth pair {nodeName} and {ifName}: {e.Message}", e);
        }

        try
        {
            var link = inside.GetLink(ifName);
            foreach (var ip in addresses.IPs)
            {
                inside.AddAddress(link.Index, ip.Address.Address, ip.Address.PrefixLength);
            }

            // Up before the routes: the kernel refuses a gateway on a link that is down.
            inside.SetLinkUp(link.Index);
            foreach (var route in addresses.Routes)
            {
                inside.AddRoute(new Route
                {
                    Destination = route.Destination.Address,
                    DestinationPrefixLength = route.Destination.PrefixLength,
                    // A route without "gw" goes through the gateway IPAM gave for its family, as the reference plugins route it.
                    Gateway = route.Gateway ?? addresses.IPs.FirstOrDefault(ip => ip.Address.IsIPv4 == route.Destination.IsIPv4)?.Gateway,
                    OutputLinkIndex = link.Index,
                });
            }

            return (
                new CniInterface { Name = nodeName, Mac = FormatMac(node.GetLink(nodeName).HardwareAddress) },
                new CniInterface { Name = ifName, Mac = FormatMac(link.HardwareAddress), Sandbox = netNs });
        }
        catch (NetlinkException e)
        {
            // Leave nothing half made: deleting one end deletes both, with the addresses and routes.
            node.DeleteLink(nodeName);
            throw new CniException($"failed to configure {ifName} in {netNs}: {e.Message}", e);
        }
    }

    /// <summary>Deletes the pair; a namespace or a link that is already gone is no error (DEL must be idempotent).</summary>
    public static void Delete(string netNs, string ifName)
    {
        using var container = OpenNamespace(netNs);
        if (container is null)
        {
            return;   // The container's namespace is gone, and the pair went with it.
        }

        using var inside = NetlinkSocket.Open(container);
        try
        {
            inside.DeleteLink(ifName);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            // Deleted already, by an earlier DEL or by the runtime.
        }
    }

    /// <summary>Fails (a spec error) unless the container's end exists and holds every address <paramref name="expected"/> gave it.</summary>
    public static void Check(string netNs, string ifName, CniResult expected)
    {
        using var container = OpenNamespace(netNs)
            ?? throw new CniException(CniErrorCode.InvalidNetNs, $"failed to open netns \"{netNs}\": no such file or directory");
        using var inside = NetlinkSocket.Open(container);
        LinkInfo link;
        try
        {
            link = inside.GetLink(ifName);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            throw new CniException($"{ifName} does not exist in {netNs}", e);
        }

        var present = new HashSet<IPCidr>();
        foreach (var address in inside.DumpAddresses(linkIndex: link.Index))
        {
            present.Add(new IPCidr(address.GetAddress(), address.PrefixLength));
        }

        foreach (var ip in expected.IPs)
        {
            var onThisLink = ip.Interface is int i && i < expected.Interfaces.Count && expected.Interfaces[i].Name == ifName;
            if (onThisLink && !present.Contains(ip.Address))
            {
                throw new CniException($"{ifName} in {netNs} has no address {ip.Address}");
            }
        }
    }

    /// <summary>The namespace at <paramref name="path"/>, or null when it no longer exists (the container is gone).</summary>
    private static NetworkNamespace? OpenNamespace(string path)
    {
        try
        {
            return NetworkNamespace.Open(path);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static string FormatMac(ReadOnlySpan<byte> address)
    {
        var text = new StringBuilder(address.Length * 3);
        foreach (var b in address)
        {
            text.Append(text.Length == 0 ? "" : ":").Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
