using System.Text.Json;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>
/// Runs host-local binaries as a runtime would: ours (published by eng/publish.sh) and Debian's
/// reference, /usr/lib/cni/host-local, with only CNI_* variables and the config on stdin.
/// </summary>
internal static class HostLocalPlugin
{
    /// <summary>A network namespace path that does not exist: host-local never enters it, and the reference only needs the variable set.</summary>
    public const string NetNs = "/var/run/netns/cnit-hostlocal";

    public static string Ours => Requires.Executable(System.IO.Path.Combine(RepositoryPaths.Plugins, "host-local"));

    public static string Reference => Requires.Executable("/usr/lib/cni/host-local");

    /// <summary>Both binaries, for theories that run a case against each.</summary>
    public static TheoryData<string> Binaries => new("ours", "reference");

    public static string Named(string name) => name switch
    {
        "ours" => Ours,
        "reference" => Reference,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "ours or reference"),
    };

    public static Dictionary<string, string> Environment(string command, string containerId, string ifName = "eth0", string args = "")
    {
        var environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_PATH"] = "/usr/lib/cni",
        };
        if (command is "ADD" or "DEL" or "CHECK")
        {
            environment["CNI_CONTAINERID"] = containerId;
            environment["CNI_NETNS"] = NetNs;
            environment["CNI_IFNAME"] = ifName;
        }

        if (args.Length > 0)
        {
            environment["CNI_ARGS"] = args;
        }

        return environment;
    }

    public static async Task<CniPluginOutput> RunAsync(string binary, string command, string config, string containerId = "cnit-ctr", string ifName = "eth0", string args = "")
    {
        var (stdout, stderr, exitCode) = await PluginProcess.RunAsync(binary, Environment(command, containerId, ifName, args), config);
        return new CniPluginOutput(stdout, stderr, exitCode);
    }

    /// <summary>Runs ADD and returns the result; fails the test with the plugin's output when ADD fails.</summary>
    public static async Task<CniResult> AddAsync(string binary, string config, string containerId, string ifName = "eth0", string args = "")
    {
        var output = await RunAsync(binary, "ADD", config, containerId, ifName, args);
        Assert.True(output.ExitCode == 0, $"{binary} ADD {containerId}/{ifName} failed: {output}");
        return CniResult.Parse(System.Text.Encoding.UTF8.GetBytes(output.Stdout));
    }

    /// <summary>Runs DEL; fails the test with the plugin's output when DEL fails.</summary>
    public static async Task DelAsync(string binary, string config, string containerId, string ifName = "eth0")
    {
        var output = await RunAsync(binary, "DEL", config, containerId, ifName);
        Assert.True(output.ExitCode == 0 && output.Stdout.Length == 0, $"{binary} DEL {containerId}/{ifName} failed: {output}");
    }

    /// <summary>
    /// The error a failed run printed: code and msg. Ours also writes <c>cniVersion</c> into errors (the
    /// spec's error format; the Go library leaves it out) and <c>details</c> naming the config key where the
    /// reference has none, so errors are compared by these two.
    /// </summary>
    public static (uint Code, string Msg) Error(CniPluginOutput output)
    {
        Assert.True(output.ExitCode == 1, $"expected a failure, got {output}");
        using var document = JsonDocument.Parse(output.Stdout);
        var root = document.RootElement;
        return (root.GetProperty("code").GetUInt32(), root.GetProperty("msg").GetString()!);
    }
}
