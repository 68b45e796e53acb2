using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cni.Samples.Tests.Bridge;

/// <summary>What the bridge and ptp tests check on a result that ADD gave through libcni.</summary>
internal static partial class LibcniResults
{
    /// <summary>
    /// The result has <paramref name="interfaceCount"/> interfaces, each with a MAC, and their names
    /// and MACs are those of the links the kernel has (in the container for those with a sandbox,
    /// which must be <paramref name="container"/>'s, else on the node).
    /// </summary>
    public static async Task AssertMatchesLinks(TestNode node, string container, string result, int interfaceCount)
    {
        using var json = JsonDocument.Parse(result);
        var interfaces = json.RootElement.GetProperty("interfaces");
        Assert.Equal(interfaceCount, interfaces.GetArrayLength());
        Assert.All(interfaces.EnumerateArray(), i => Assert.True(i.TryGetProperty("mac", out _)));
        foreach (var entry in interfaces.EnumerateArray())
        {
            var name = entry.GetProperty("name").GetString()!;
            var inContainer = entry.TryGetProperty("sandbox", out var sandbox);
            if (inContainer)
            {
                Assert.Equal(TestNode.PathOf(container), sandbox.GetString());
            }

            var link = await TestNode.ExecAsync(inContainer ? container : node.Name, "ip", "-o", "link", "show", "dev", name);
            Assert.Contains("link/ether " + entry.GetProperty("mac").GetString(), link, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every address the result reports (<c>ips[].address</c>, or <c>ip4.ip</c>/<c>ip6.ip</c> in
    /// 0.2.0) is in the container's state as compared: the comparison of addresses is not empty.
    /// </summary>
    public static void AssertAddressesCompared(string result, string containerState)
    {
        var addresses = ResultAddress().Matches(result).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(addresses);
        foreach (var address in addresses)
        {
            Assert.Matches($@" inet6? {Regex.Escape(address)} ", containerState);
        }
    }

    /// <summary>The result with its random parts (sandbox path, veth names, MACs) replaced, to compare ours with the reference's.</summary>
    public static string Normalize(string result, string container)
        => Mac().Replace(VethName().Replace(result.Replace(TestNode.PathOf(container), "SANDBOX", StringComparison.Ordinal), "vethX"), "MAC");

    [GeneratedRegex(@"""(?:address|ip)"":\s*""([0-9a-f.:]+/\d+)""")]
    private static partial Regex ResultAddress();

    [GeneratedRegex(@"veth[0-9a-f]{8}")]
    private static partial Regex VethName();

    [GeneratedRegex(@"([0-9a-f]{2}:){5}[0-9a-f]{2}")]
    private static partial Regex Mac();
}
