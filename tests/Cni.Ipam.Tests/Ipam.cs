using System.Net;

namespace Cni.Ipam.Tests;

/// <summary>Builds configurations the way a plugin receives them: JSON on stdin plus CNI_ARGS.</summary>
internal static class Ipam
{
    public static IpamConfiguration Load(string ipam, string extra = "", string? cniArgs = null, string version = "1.0.0", string network = "net1")
        => IpamConfiguration.Load(
            NetworkConfig.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"{{version}}","name":"{{network}}","type":"bridge"{{extra}},"ipam":{{ipam}}}""")),
            CniArgs.Parse(cniArgs));

    public static IpamConfiguration Subnet(string subnet, string dataDir = "/nonexistent", string more = "")
        => Load($$"""{"type":"host-local","dataDir":"{{dataDir}}","subnet":"{{subnet}}"{{more}}}""");

    public static string Text(this CniIPConfig ip) => ip.Address.ToString();

    public static IPAddress IP(string text) => IPAddress.Parse(text);
}
