using Cni.Netlink;

namespace MyPlugin.Tests;

public sealed class PluginTests
{
    [Fact]
    public async Task VersionListsTheSpecVersions()
    {
        var output = await PluginProcess.RunAsync("VERSION", "");

        Assert.True(output.ExitCode == 0, output.ToString());
        var versions = output.Json().GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString());
        Assert.Contains("1.1.0", versions);
    }

    [Fact]
    public async Task AnMtuThatIsNotANumberIsADecodingError()
    {
        var output = await PluginProcess.RunAsync("ADD", Config("\"mtu\": \"big\""), netNs: "/run/netns/none");

        Assert.True(output.ExitCode == 1, output.ToString());
        var error = output.Json();
        Assert.Equal(6, error.GetProperty("code").GetInt32());
        Assert.Contains("$.mtu", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIpamPluginMissingFromCniPathIsReported()
    {
        var output = await PluginProcess.RunAsync("ADD", """{"cniVersion": "1.1.0", "name": "testnet", "type": "MyPlugin", "ipam": {"type": "no-such-ipam"}}""", netNs: "/run/netns/none");

        Assert.True(output.ExitCode == 1, output.ToString());
        Assert.StartsWith("failed to find plugin \"no-such-ipam\" in path", output.Json().GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCheckAndDelInNetworkNamespaces()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "Creating network namespaces needs root.");
        // The plugin runs in a node namespace of its own, so the node's end of the pair is made
        // there and not on this machine.
        var node = $"myplugin-node-{Environment.ProcessId}";
        var container = $"myplugin-ctr-{Environment.ProcessId}";
        var dataDir = Directory.CreateTempSubdirectory("myplugin-ipam-").FullName;
        NetworkNamespace.Create(node).Dispose();
        NetworkNamespace.Create(container).Dispose();
        try
        {
            var netNs = Path.Combine(NetworkNamespace.NamedNamespaceDirectory, container);
            var config = Config($"\"ipam\": {{\"type\": \"host-local\", \"subnet\": \"10.99.0.0/24\", \"dataDir\": \"{dataDir}\"}}");

            var add = await PluginProcess.RunAsync("ADD", config, netNs, node);
            Assert.True(add.ExitCode == 0, add.ToString());
            var result = add.Json();
            Assert.Equal("eth0", result.GetProperty("interfaces")[1].GetProperty("name").GetString());
            Assert.Equal("10.99.0.2/24", result.GetProperty("ips")[0].GetProperty("address").GetString());
            Assert.True(LinkExists(netNs, "eth0"));

            var withPrevResult = config[..config.LastIndexOf('}')] + $", \"prevResult\": {add.Stdout}}}";
            var check = await PluginProcess.RunAsync("CHECK", withPrevResult, netNs, node);
            Assert.True(check.ExitCode == 0, check.ToString());

            var del = await PluginProcess.RunAsync("DEL", withPrevResult, netNs, node);
            Assert.True(del.ExitCode == 0, del.ToString());
            Assert.False(LinkExists(netNs, "eth0"));

            var checkAfterDel = await PluginProcess.RunAsync("CHECK", withPrevResult, netNs, node);
            Assert.Equal(1, checkAfterDel.ExitCode);
        }
        finally
        {
            NetworkNamespace.Delete(container);
            NetworkNamespace.Delete(node);
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static string Config(string keys)
        => $$"""{"cniVersion": "1.1.0", "name": "testnet", "type": "MyPlugin", {{keys}}}""";

    private static bool LinkExists(string netNs, string name)
    {
        using var ns = NetworkNamespace.Open(netNs);
        using var socket = NetlinkSocket.Open(ns);
        try
        {
            socket.GetLink(name);
            return true;
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return false;
        }
    }
}
