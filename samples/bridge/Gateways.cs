using System.Net;
using Cni;

namespace Bridge;

/// <summary>
/// The gateways of the IPAM result (the reference's calcGateways): every address is on the
/// container interface (index 2 of the result), a missing gateway becomes the subnet's first
/// address when the bridge is the gateway, and isDefaultGateway adds a default route per family.
/// </summary>
internal sealed class Gateways
{
    /// <summary>The addresses the bridge gets, IPv4 first: each gateway with its container address's prefix length.</summary>
    public List<IPCidr> IPv4 { get; } = [];

    public List<IPCidr> IPv6 { get; } = [];

    public static Gateways Calculate(CniResult result, BridgeConfig config, int containerInterface)
    {
        var gateways = new Gateways();
        bool defaultRoute4 = HasDefaultRouteWithGateway(result, ipv4: true), defaultRoute6 = HasDefaultRouteWithGateway(result, ipv4: false);
        foreach (var ip in result.IPs)
        {
            ip.Interface = containerInterface;
            if (ip.Gateway is null && config.IsGateway)
            {
                ip.Gateway = FirstAddress(ip.Address);
            }

            ref var hasDefault = ref ip.Address.IsIPv4 ? ref defaultRoute4 : ref defaultRoute6;
            if (config.IsDefaultGateway && !hasDefault)
            {
                result.Routes.Add(new CniRoute
                {
                    Destination = new IPCidr(ip.Address.IsIPv4 ? IPAddress.Any : IPAddress.IPv6Any, 0),
                    Gateway = ip.Gateway,
                });
                hasDefault = true;
            }

            if (config.IsGateway && ip.Gateway is not null)
            {
                (ip.Address.IsIPv4 ? gateways.IPv4 : gateways.IPv6).Add(new IPCidr(ip.Gateway, ip.Address.PrefixLength));
            }
        }

        return gateways;
    }

    // Only a default route that names its gateway counts (so one without does not stop the
    // bridge adding its own, which then clashes: the reference behaves the same).
    private static bool HasDefaultRouteWithGateway(CniResult result, bool ipv4)
        => result.Routes.Any(r => r.Destination.PrefixLength == 0 && r.Destination.IsIPv4 == ipv4 && r.Gateway is not null);

    // The network address plus one: 10.22.0.0/16 gives 10.22.0.1.
    private static IPAddress FirstAddress(IPCidr address)
    {
        var bytes = address.Network.BaseAddress.GetAddressBytes();
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new IPAddress(bytes);
    }
}
