using System.Security.Cryptography;
using System.Text;
using Cni.Netlink;
using Cni.Testing;

namespace Cni.Tool.Tests;

/// <summary>
/// The verbs with the reference bridge, run inside a throwaway node namespace (cnit-tool-node-*)
/// with a container namespace (cnit-tool-ctr-*): the tool and libcni take turns on one attachment.
/// </summary>
public sealed class ToolBridgeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-tool-bridge-").FullName;
    private readonly List<string> _namespaces = [];

    public void Dispose()
    {
        foreach (var name in _namespaces)
        {
            NetworkNamespace.Delete(name);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string CreateNamespace(string prefix)
    {
        Requires.Root();
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        NetworkNamespace.Create(name).Dispose();
        _namespaces.Add(name);
        return name;
    }

    [Fact]
    public async Task Tool_add_libcni_check_tool_check_libcni_del_leave_nothing()
    {
        Requires.Executable("/usr/lib/cni/bridge");
        var node = CreateNamespace("cnit-tool-node-");
        var container = CreateNamespace("cnit-tool-ctr-");
        var netNs = "/run/netns/" + container;
        var configDirectory = Directory.CreateDirectory(Path.Combine(_directory, "net.d")).FullName;
        var config = Path.Combine(configDirectory, "bridge.conf");
        await File.WriteAllTextAsync(config, $$$"""{"cniVersion":"1.0.0","name":"cnit-toolbr","type":"bridge","bridge":"cnitbr1","isGateway":true,"ipam":{"type":"host-local","subnet":"10.42.0.0/24","dataDir":"{{{_directory}}}/data"}}""", TestContext.Current.CancellationToken);
        var cache = Path.Combine(_directory, "cache");
        var id = "cnitool-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(netNs))[..10]);
        var environment = new Dictionary<string, string> { ["NETCONFPATH"] = configDirectory, ["CNI_PATH"] = "/usr/lib/cni", ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" };

        Task<(string Stdout, string Stderr, int ExitCode)> Tool(string verb)
            => PluginProcess.RunAsync("/usr/sbin/ip", environment, "", ["netns", "exec", node, CniTool.Path, verb, "cnit-toolbr", netNs, "--cache-dir", cache]);
        Task<(string Stdout, string Stderr, int ExitCode)> Libcni(string verb)
            => PluginProcess.RunAsync("/usr/sbin/ip", environment, "", ["netns", "exec", node, LibcniDriver.Path, verb, "-config", config, "-cache", cache, "-netns", netNs, "-id", id]);

        var add = await Tool("add");
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Contains("\"sandbox\": \"" + netNs + "\"", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("10.42.0.2/24", await LinksAsync(container), StringComparison.Ordinal);

        var libcniCheck = await Libcni("check");
        Assert.True(libcniCheck.ExitCode == 0, libcniCheck.Stdout);
        var toolCheck = await Tool("check");
        Assert.True(toolCheck.ExitCode == 0, toolCheck.Stderr);
        var del = await Libcni("del");
        Assert.True(del.ExitCode == 0, del.Stdout);

        Assert.DoesNotContain("eth0", await LinksAsync(container), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(cache, "results")));

        // With the attachment gone, CHECK through the tool fails as through libcni: the same message.
        var toolFailed = await Tool("check");
        var libcniFailed = await Libcni("check");
        Assert.Equal(1, toolFailed.ExitCode);
        Assert.Equal(1, libcniFailed.ExitCode);
        using var libcniError = System.Text.Json.JsonDocument.Parse(libcniFailed.Stdout);
        Assert.Equal(libcniError.RootElement.GetProperty("msg").GetString() + "\n", toolFailed.Stderr);
    }

    private static async Task<string> LinksAsync(string container)
        => (await PluginProcess.RunAsync("/usr/sbin/ip", new Dictionary<string, string>(), "", ["-n", container, "-o", "addr", "show"])).Stdout;
}
