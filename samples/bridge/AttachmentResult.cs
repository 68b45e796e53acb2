using Cni;
using Cni.Netlink;

namespace Bridge;

/// <summary>
/// The ADD result, shaped as the reference's: interfaces bridge (0), host veth (1) and container
/// interface (2, with its sandbox); the IPAM addresses, all on interface 2; IPAM's routes.
/// </summary>
internal static class AttachmentResult
{
    public const int ContainerInterface = 2;

    public static CniResult Create(string bridgeName, VethPair veth, string ifName, string sandbox)
    {
        var result = new CniResult();
        result.Interfaces.Add(new CniInterface { Name = bridgeName });
        result.Interfaces.Add(veth.Host.ToCniInterface());
        result.Interfaces.Add(veth.Container.ToCniInterface(sandbox));
        return result;
    }

    public static void AddAllocation(CniResult result, CniResult allocation)
    {
        foreach (var ip in allocation.IPs)
        {
            result.IPs.Add(ip);
        }

        foreach (var route in allocation.Routes)
        {
            result.Routes.Add(route);
        }
    }

    /// <summary>With <c>vlan</c> and a gateway, the VLAN's gateway interface on the node is interface 3.</summary>
    public static void AddVlanGateway(CniResult result, LinkInfo gateway)
        => result.Interfaces.Add(gateway.ToCniInterface());

    public static void SetBridgeMac(CniResult result, LinkInfo bridge) => result.Interfaces[0].Mac = MacAddress.Format(bridge.HardwareAddress);
}
