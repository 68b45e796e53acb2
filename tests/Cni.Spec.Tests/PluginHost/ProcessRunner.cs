using System.Diagnostics;

namespace Cni.Tests.PluginHost;

/// <summary>Runs an executable the way a runtime runs a plugin: only the given environment, stdin, captured output.</summary>
internal static class ProcessRunner
{
    public static async Task<CniPluginOutput> RunAsync(string path, IReadOnlyDictionary<string, string> environment, string stdin)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
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
            // The plugin may exit without reading stdin (VERSION, missing variables).
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new CniPluginOutput(await stdout, await stderr, process.ExitCode);
    }
}
