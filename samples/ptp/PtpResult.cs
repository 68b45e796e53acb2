using Cni;

namespace Ptp;

/// <summary>What ADD makes of the IPAM allocation: the node's forwarding and the result the runtime gets.</summary>
internal static class PtpResult
{
    /// <summary>The node forwards every family the container has an address in.</summary>
    public static void EnableForwarding(CniResult allocation)
    {
        foreach (var family in allocation.IPs.Select(ip => ip.Address.Address.AddressFamily).Distinct())
        {
            try
            {
                Sysctl.EnableForwarding(family);
            }
            catch (IOException e)
            {
                throw new CniException($"Could not enable IP forwarding: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// The reference's result: interfaces [host veth, container interface (with its sandbox)], every
    /// address on interface 1, IPAM's routes, and IPAM's DNS unless the configuration names its own.
    /// </summary>
    public static CniResult Create(CniRequest<PtpConfig> request, VethPair veth, CniResult allocation)
    {
        var result = new CniResult { Dns = request.Config.Dns is { IsEmpty: false } dns ? dns : allocation.Dns ?? new CniDns() };
        result.Interfaces.Add(veth.Host.ToCniInterface());
        result.Interfaces.Add(veth.Container.ToCniInterface(request.NetNs));
        foreach (var ip in allocation.IPs)
        {
            ip.Interface = 1;
            result.IPs.Add(ip);
        }

        foreach (var route in allocation.Routes)
        {
            result.Routes.Add(route);
        }

        return result;
    }
}
