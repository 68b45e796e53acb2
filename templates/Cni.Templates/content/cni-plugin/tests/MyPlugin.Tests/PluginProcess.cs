using System.Diagnostics;

namespace MyPlugin.Tests;

/// <summary>
/// Runs the plugin binary built next to the tests with only the environment a runtime would give it;
/// inside a node namespace (through <c>ip netns exec</c>) when the plugin changes the node's links.
/// </summary>
internal static class PluginProcess
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "MyPlugin");

    public static async Task<PluginOutput> RunAsync(string command, string stdin, string netNs = "", string? nodeNamespace = null)
    {
        var info = new ProcessStartInfo(nodeNamespace is null ? Path : "ip", nodeNamespace is null ? [] : ["netns", "exec", nodeNamespace, Path])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        info.Environment["CNI_COMMAND"] = command;
        info.Environment["CNI_CONTAINERID"] = "test-container";
        info.Environment["CNI_NETNS"] = netNs;
        info.Environment["CNI_IFNAME"] = "eth0";
        info.Environment["CNI_PATH"] = AppContext.BaseDirectory;

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // VERSION and early errors exit without reading stdin.
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new PluginOutput(await stdout, await stderr, process.ExitCode);
    }
}
