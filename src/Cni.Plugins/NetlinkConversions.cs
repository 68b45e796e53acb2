using System.Net;
using Cni.Netlink;

namespace Cni.Plugins;

/// <summary>
/// Cni.Spec's types (<see cref="IPCidr"/>, <see cref="CniRoute"/>, <see cref="CniInterface"/>)
/// turned into Cni.Netlink's requests and back, with the reference plugins' conventions.
/// </summary>
public static class NetlinkConversions
{
    /// <summary>
    /// Adds an address as the reference does: an IPv4 address shorter than /31 gets its subnet's
    /// broadcast address (10.22.0.5/16 gets 10.22.255.255).
    /// </summary>
    /// <param name="socket">A socket in the interface's namespace.</param>
    /// <param name="linkIndex">The interface.</param>
    /// <param name="address">The address with its prefix length.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the interface has it).</exception>
    public static void AddAddress(this NetlinkSocket socket, int linkIndex, IPCidr address)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (address.IsIPv4 && address.PrefixLength < 31)
        {
            socket.AddAddress(linkIndex, address.Address, address.PrefixLength, Broadcast(address));
        }
        else
        {
            socket.AddAddress(linkIndex, address.Address, address.PrefixLength);
        }
    }

    /// <summary>The subnet's last address (10.22.255.255 for 10.22.0.5/16).</summary>
    /// <param name="address">An address with its prefix length.</param>
    /// <returns>The broadcast address of its subnet.</returns>
    public static IPAddress Broadcast(this IPCidr address)
    {
        var bytes = address.Address.GetAddressBytes();
        for (var bit = address.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    /// <summary>
    /// A result's route as the container interface's route in the main table: through the
    /// route's own gateway, else <paramref name="defaultGateway"/> (the gateway of the first
    /// address of the family, as the reference picks it), else directly on the link.
    /// </summary>
    /// <param name="route">The route from a result.</param>
    /// <param name="linkIndex">The interface the route leaves by.</param>
    /// <param name="defaultGateway">The gateway for a route that names none, or null.</param>
    /// <returns>The route to add.</returns>
    public static Route ToRoute(this CniRoute route, int linkIndex, IPAddress? defaultGateway = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        return new Route
        {
            Destination = route.Destination.Network.BaseAddress,
            DestinationPrefixLength = route.Destination.PrefixLength,
            Gateway = route.Gateway ?? defaultGateway,
            OutputLinkIndex = linkIndex,
            Scope = RouteScope.Universe,
        };
    }

    /// <summary>A link as a result's interface: its name and MAC, and the sandbox when it is inside a container.</summary>
    /// <param name="link">The link, read back from the kernel.</param>
    /// <param name="sandbox">The container's namespace path (CNI_NETNS) for a link inside it, or null for a link on the node.</param>
    /// <returns>The interface for <see cref="CniResult.Interfaces"/>.</returns>
    public static CniInterface ToCniInterface(this LinkInfo link, string? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new CniInterface { Name = link.Name, Mac = MacAddress.Format(link.HardwareAddress), Sandbox = sandbox };
    }
}
