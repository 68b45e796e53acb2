using System.Diagnostics;
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
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // VERSION and early errors exit without reading stdin.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new CniPluginOutput(await stdout, await stderr, process.ExitCode);
    }
}
