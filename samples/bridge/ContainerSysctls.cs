using Cni.Netlink;

namespace Bridge;

/// <summary>The bridge's sysctls on the container interface (the reference ptp sets none of them).</summary>
internal static class ContainerSysctls
{
    /// <summary>
    /// Container sysctls, before any address: duplicate address detection off unless enabledad
    /// (so IPv6 addresses are usable at once), gratuitous ARP on, and IPv6 enabled on lo and the
    /// interface when there is an IPv6 address. All in one trip into the namespace.
    /// </summary>
    public static void Prepare(NetworkNamespace container, string ifName, bool enableDad, bool hasIPv6)
    {
        container.Run(() =>
        {
            if (enableDad)
            {
                Sysctl.TryWrite($"net/ipv6/conf/{ifName}/enhanced_dad", "1");
                Sysctl.TryWrite($"net/ipv6/conf/{ifName}/accept_dad", "1");
            }
            else
            {
                Sysctl.TryWrite($"net/ipv6/conf/{ifName}/accept_dad", "0");
            }

            Sysctl.TryWrite($"net/ipv4/conf/{ifName}/arp_notify", "1");
            if (hasIPv6)
            {
                Sysctl.EnableIPv6("lo");
                Sysctl.EnableIPv6(ifName);
            }
        });
    }
}
