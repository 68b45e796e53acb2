using System.Diagnostics;

namespace Cni.Testing;

/// <summary>Runs a plugin executable the way a runtime does: only the given environment, stdin, captured output.</summary>
public static class PluginProcess
{
    /// <summary>Runs <paramref name="path"/> to completion (30 seconds at most, unless <paramref name="timeout"/> says otherwise).</summary>
    /// <param name="path">The executable.</param>
    /// <param name="environment">Its whole environment.</param>
    /// <param name="stdin">What it reads on stdin.</param>
    /// <param name="arguments">Its command-line arguments (a plugin takes none).</param>
    /// <param name="timeout">How long it may run before the wait is abandoned with an <see cref="OperationCanceledException"/>.</param>
    /// <returns>Its stdout, stderr and exit status.</returns>
    public static async Task<(string Stdout, string Stderr, int ExitCode)> RunAsync(string path, IReadOnlyDictionary<string, string> environment, string stdin, IEnumerable<string>? arguments = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(path, arguments ?? [])
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
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // VERSION and early errors exit without reading stdin.
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        return (await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), process.ExitCode);
    }
}
