using System.Text.Json;

namespace Cni.Cluster.Tests;

/// <summary>
/// The node's configuration list as a runtime loads it (<see cref="CniConfigDirectory"/>, libcni's rules):
/// chosen over the usual files, read back with its pod block, written without a half file ever showing.
/// </summary>
public sealed class NodeNetworkConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-netd-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static NodeNetworkConfig Config(string block, int? mtu = null)
        => new() { PodBlock = IPCidr.Parse(block), Mtu = mtu };

    [Fact]
    public void A_runtime_takes_it_before_the_usual_configuration_files()
    {
        File.WriteAllText(Path.Combine(_directory, "10-containerd-net.conflist"), """{"cniVersion":"1.0.0","name":"containerd-net","plugins":[{"type":"bridge"}]}""");
        File.WriteAllText(Path.Combine(_directory, "05-other.conf"), """{"cniVersion":"1.0.0","name":"other","type":"ptp"}""");

        Config("10.244.3.0/24").WriteTo(_directory);

        var list = CniConfigDirectory.LoadFirst(_directory, CniConfigFileFailure.Fail);
        Assert.Equal("cni-cluster", list?.Name);
    }

    [Fact]
    public void The_bridge_allocates_from_the_block_without_masquerade_and_portmap_follows()
    {
        var path = new NodeNetworkConfig { PodBlock = IPCidr.Parse("10.244.3.0/24"), Mtu = 1450, IpamDataDirectory = "/var/lib/cnit/node-a" }.WriteTo(_directory);

        var list = CniConfigDirectory.LoadFile(path);
        Assert.Equal(["bridge", "portmap"], list.Plugins.Select(p => p.Type));
        using var bridge = JsonDocument.Parse(list.Plugins[0].Json);
        var root = bridge.RootElement;
        Assert.Equal("cni0", root.GetProperty("bridge").GetString());
        Assert.True(root.GetProperty("isGateway").GetBoolean());
        Assert.False(root.GetProperty("ipMasq").GetBoolean());
        Assert.Equal(1450, root.GetProperty("mtu").GetInt32());
        var ipam = root.GetProperty("ipam");
        Assert.Equal("host-local", ipam.GetProperty("type").GetString());
        Assert.Equal("/var/lib/cnit/node-a", ipam.GetProperty("dataDir").GetString());
        Assert.Equal("10.244.3.0/24", ipam.GetProperty("ranges")[0][0].GetProperty("subnet").GetString());
        Assert.Equal("0.0.0.0/0", ipam.GetProperty("routes")[0].GetProperty("dst").GetString());
        using var portmap = JsonDocument.Parse(list.Plugins[1].Json);
        Assert.True(portmap.RootElement.GetProperty("capabilities").GetProperty("portMappings").GetBoolean());
    }

    [Fact]
    public void Without_an_MTU_the_plugin_default_holds_and_the_block_is_written_as_a_network()
    {
        var path = Config("10.244.3.77/24").WriteTo(_directory);

        using var bridge = JsonDocument.Parse(CniConfigDirectory.LoadFile(path).Plugins[0].Json);
        Assert.False(bridge.RootElement.TryGetProperty("mtu", out _));
        Assert.False(bridge.RootElement.GetProperty("ipam").TryGetProperty("dataDir", out _));
        Assert.Equal("10.244.3.0/24", bridge.RootElement.GetProperty("ipam").GetProperty("ranges")[0][0].GetProperty("subnet").GetString());
    }

    [Fact]
    public void Rewriting_replaces_the_file_and_leaves_no_temporary_file()
    {
        Config("10.244.3.0/24").WriteTo(_directory);
        Config("10.244.9.0/24").WriteTo(_directory);

        Assert.Equal([NodeNetworkConfig.DefaultFileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Contains("10.244.9.0/24", File.ReadAllText(Path.Combine(_directory, NodeNetworkConfig.DefaultFileName)), StringComparison.Ordinal);
    }
}
