using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Tool.Tests;

/// <summary>
/// cnitool's verbs against the reference host-local (/usr/lib/cni) and ours, next to the reference
/// libcni (artifacts/tools/libcni-driver): same results, same errors, and each reads the other's cache.
/// host-local touches no namespace, so the netns paths here need not exist.
/// </summary>
public sealed class ToolVerbTests : IDisposable
{
    private const string NetNs = "/var/run/netns/cnit-tool-pod";
    private static readonly string[] s_helpWords = ["NETCONFPATH", "CNI_PATH", "CNI_ARGS", "CAP_ARGS", "CNI_IFNAME", "add <net> <netns>", "conform"];
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-tool-").FullName;

    public ToolVerbTests()
    {
        Directory.CreateDirectory(ConfigDirectory);
    }

    private string ConfigDirectory => Path.Combine(_directory, "net.d");

    private string Cache => Path.Combine(_directory, "cache");

    private string DataDirectory => Path.Combine(_directory, "data");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>cnitool's container ID: "cnitool-" and 10 bytes of the netns path's SHA-512 in hex.</summary>
    private static string ContainerIdOf(string netNs) => "cnitool-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(netNs))[..10]);

    private string WriteHostLocal(string version, string name = "cnit-toolnet")
    {
        var path = Path.Combine(ConfigDirectory, name + ".conf");
        File.WriteAllText(path, $$$"""{"cniVersion":"{{{version}}}","name":"{{{name}}}","type":"host-local","ipam":{"type":"host-local","subnet":"10.38.0.0/24","dataDir":"{{{DataDirectory}}}"}}""");
        return path;
    }

    private Dictionary<string, string> Environment(string cniPath = "/usr/lib/cni") => new() { ["NETCONFPATH"] = ConfigDirectory, ["CNI_PATH"] = cniPath };

    private Task<(string Stdout, string Stderr, int ExitCode)> ToolAsync(string verb, string network, string netNs = NetNs, Dictionary<string, string>? environment = null, params string[] extra)
        => CniTool.RunAsync(environment ?? Environment(), [verb, network, netNs, "--cache-dir", Cache, .. extra]);

    private string[] Allocations(string network = "cnit-toolnet")
        => Directory.Exists(Path.Combine(DataDirectory, network))
            ? [.. Directory.EnumerateFiles(Path.Combine(DataDirectory, network)).Select(Path.GetFileName).Where(f => f is not null && char.IsDigit(f[0]) && !f.StartsWith("last_", StringComparison.Ordinal))!]
            : [];

    [Fact]
    public async Task Add_prints_what_libcni_prints_and_caches_under_cnitools_container_id()
    {
        var config = WriteHostLocal("1.0.0");
        var (stdout, stderr, exitCode) = await ToolAsync("add", "cnit-toolnet");
        Assert.True(exitCode == 0, stderr);

        var id = ContainerIdOf(NetNs);
        Assert.True(File.Exists(Path.Combine(Cache, "results", $"cnit-toolnet-{id}-eth0")));
        Assert.Equal(["10.38.0.2"], Allocations());

        // The same ADD through libcni on a fresh data directory and cache gives the same result.
        Directory.Delete(DataDirectory, recursive: true);
        var (libcni, _, libcniExit) = await LibcniDriver.RunAsync("add", config, "/usr/lib/cni", Path.Combine(_directory, "libcni-cache"), NetNs, id);
        Assert.Equal(0, libcniExit);
        Assert.Equal(Normalize(libcni), Normalize(stdout));
    }

    [Fact]
    public async Task Libcni_checks_and_deletes_what_the_tool_added()
    {
        var config = WriteHostLocal("1.0.0");
        Assert.Equal(0, (await ToolAsync("add", "cnit-toolnet")).ExitCode);

        var id = ContainerIdOf(NetNs);
        var check = await LibcniDriver.RunAsync("check", config, "/usr/lib/cni", Cache, NetNs, id);
        Assert.True(check.ExitCode == 0, check.Stdout);
        var del = await LibcniDriver.RunAsync("del", config, "/usr/lib/cni", Cache, NetNs, id);
        Assert.True(del.ExitCode == 0, del.Stdout);

        Assert.Empty(Allocations());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Cache, "results")));
    }

    [Fact]
    public async Task The_tool_checks_and_deletes_what_libcni_added()
    {
        var config = WriteHostLocal("1.0.0");
        var add = await LibcniDriver.RunAsync("add", config, "/usr/lib/cni", Cache, NetNs, ContainerIdOf(NetNs));
        Assert.True(add.ExitCode == 0, add.Stdout);

        var check = await ToolAsync("check", "cnit-toolnet");
        Assert.True(check.ExitCode == 0, check.Stderr);
        var del = await ToolAsync("del", "cnit-toolnet");
        Assert.True(del.ExitCode == 0, del.Stderr);

        Assert.Empty(Allocations());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Cache, "results")));
    }

    [Fact]
    public async Task A_plugin_error_reads_as_libcnis_on_stderr()
    {
        var config = WriteHostLocal("1.0.0");
        var environment = Environment();
        environment["CNI_ARGS"] = "FOO=bar";
        var (stdout, stderr, exitCode) = await ToolAsync("add", "cnit-toolnet", environment: environment);

        var (libcni, _, _) = await PluginProcess.RunAsync(
            LibcniDriver.Path, new Dictionary<string, string> { ["CNI_PATH"] = "/usr/lib/cni" }, "",
            ["add", "-config", config, "-cache", Cache, "-netns", NetNs, "-id", ContainerIdOf(NetNs), "-args", "FOO=bar"]);
        using var libcniError = JsonDocument.Parse(libcni);
        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal(libcniError.RootElement.GetProperty("msg").GetString() + "\n", stderr);
    }

    [Theory]
    [InlineData("FOO", "invalid CNI_ARGS pair \"FOO\"")]
    [InlineData("A=1;", "invalid CNI_ARGS pair \"\"")]
    [InlineData("A=b=c", "invalid CNI_ARGS pair \"A=b=c\"")]
    public async Task Malformed_CNI_ARGS_are_refused_as_cnitool_refuses_them(string args, string message)
    {
        WriteHostLocal("1.0.0");
        var environment = Environment();
        environment["CNI_ARGS"] = args;
        var (_, stderr, exitCode) = await ToolAsync("add", "cnit-toolnet", environment: environment);
        Assert.Equal(1, exitCode);
        Assert.Equal(message + "\n", stderr);
        Assert.Empty(Allocations());
    }

    [Fact]
    public async Task CAP_ARGS_reach_the_cache_as_libcni_keeps_them_and_must_be_a_JSON_object()
    {
        WriteHostLocal("1.0.0");
        var environment = Environment();
        environment["CAP_ARGS"] = """{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}""";
        var add = await ToolAsync("add", "cnit-toolnet", environment: environment);
        Assert.True(add.ExitCode == 0, add.Stderr);
        using var cached = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Cache, "results", $"cnit-toolnet-{ContainerIdOf(NetNs)}-eth0")));
        Assert.Equal(8080, cached.RootElement.GetProperty("capabilityArgs").GetProperty("portMappings")[0].GetProperty("hostPort").GetInt32());

        environment["CAP_ARGS"] = "[1]";
        var (_, stderr, exitCode) = await ToolAsync("add", "cnit-toolnet", "/var/run/netns/other", environment);
        Assert.Equal(1, exitCode);
        Assert.Equal("CAP_ARGS must be a JSON object, not Array\n", stderr);
    }

    [Fact]
    public async Task An_unknown_network_names_the_directory()
    {
        WriteHostLocal("1.0.0");
        var (stdout, stderr, exitCode) = await ToolAsync("add", "nope");
        Assert.Equal((1, ""), (exitCode, stdout));
        Assert.Equal($"no net configuration with name \"nope\" in {ConfigDirectory}\n", stderr);
    }

    [Fact]
    public async Task The_interface_name_comes_from_the_option_then_CNI_IFNAME_then_eth0()
    {
        WriteHostLocal("1.0.0");
        var environment = Environment();
        environment["CNI_IFNAME"] = "net1";
        Assert.Equal(0, (await ToolAsync("add", "cnit-toolnet", "/var/run/netns/a", environment)).ExitCode);
        Assert.Equal(0, (await ToolAsync("add", "cnit-toolnet", "/var/run/netns/b", environment, "--ifname", "net2")).ExitCode);
        Assert.Equal(0, (await ToolAsync("add", "cnit-toolnet", "/var/run/netns/c")).ExitCode);

        string[] expected =
        [
            $"cnit-toolnet-{ContainerIdOf("/var/run/netns/a")}-net1",
            $"cnit-toolnet-{ContainerIdOf("/var/run/netns/b")}-net2",
            $"cnit-toolnet-{ContainerIdOf("/var/run/netns/c")}-eth0",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.EnumerateFiles(Path.Combine(Cache, "results")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Gc_deletes_every_cached_attachment_and_status_succeeds_with_our_host_local_at_1_1_0()
    {
        var ours = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, "host-local"));
        WriteHostLocal("1.1.0");
        var environment = Environment(Path.GetDirectoryName(ours)!);
        Assert.Equal(0, (await ToolAsync("add", "cnit-toolnet", "/var/run/netns/a", environment)).ExitCode);
        Assert.Equal(0, (await ToolAsync("add", "cnit-toolnet", "/var/run/netns/b", environment)).ExitCode);
        Assert.Equal(2, Allocations().Length);

        var status = await CniTool.RunAsync(environment, "status", "cnit-toolnet");
        Assert.True(status.ExitCode == 0, status.Stderr);
        var gc = await ToolAsync("gc", "cnit-toolnet", environment: environment);
        Assert.True(gc.ExitCode == 0, gc.Stderr);

        Assert.Empty(Allocations());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Cache, "results")));
    }

    [Fact]
    public async Task Version_lists_each_plugins_supported_versions()
    {
        WriteHostLocal("1.0.0");
        var (stdout, stderr, exitCode) = await CniTool.RunAsync(Environment(), "version", "cnit-toolnet");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("host-local: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0\n", stdout);
    }

    [Fact]
    public async Task Help_explains_the_environment_and_the_verbs()
    {
        var (stdout, _, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "--help");
        Assert.Equal(0, exitCode);
        foreach (var word in s_helpWords)
        {
            Assert.Contains(word, stdout, StringComparison.Ordinal);
        }
    }

    private static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
