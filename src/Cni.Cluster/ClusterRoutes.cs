using Cni.Netlink;

namespace Cni.Cluster;

/// <summary>How the data planes mark the routes they own.</summary>
public static class ClusterRoutes
{
    /// <summary>
    /// The route protocol (rtm_protocol) of every route a data plane adds: 77, a number neither the
    /// kernel nor iproute2's rt_protos names. A data plane finds its routes by it after a restart
    /// (<c>ip route show proto 77</c>) and never touches a route of another protocol.
    /// </summary>
    public const RouteProtocol Protocol = (RouteProtocol)77;
}
