using System.Reflection;
using Cni.Testing;

namespace Cni.Samples.Tests;

/// <summary>Runs the published hello binary as a runtime would: only CNI_* in its environment, config on stdin.</summary>
internal static class HelloPlugin
{
    public static string Path => Requires.Executable(System.IO.Path.GetFullPath(System.IO.Path.Combine(
        typeof(HelloPlugin).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginsDirectory").Value!,
        "hello")));

    public static Dictionary<string, string> Environment(string command) => new()
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = "cnit-ctr",
        ["CNI_NETNS"] = "/var/run/netns/cnit-hello",
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
    };

    public static async Task<CniPluginOutput> RunAsync(IReadOnlyDictionary<string, string> environment, string stdin)
    {
        var (stdout, stderr, exitCode) = await PluginProcess.RunAsync(Path, environment, stdin);
        return new CniPluginOutput(stdout, stderr, exitCode);
    }
}
