using System.Diagnostics;

namespace Cni.Internal.Invoke;

/// <summary>
/// Runs a plugin binary once: the environment given, the input on stdin, stdout and stderr read
/// to the end at the same time as stdin is written (so neither side can block on a full pipe).
/// </summary>
internal static class PluginProcess
{
    /// <summary>Starts the plugin and waits for it to exit and close its output.</summary>
    /// <param name="pluginPath">The binary to run.</param>
    /// <param name="stdin">The bytes written to its stdin, which is then closed.</param>
    /// <param name="environment">Variables set over this process's own environment, applied in order; a <see langword="null"/> value removes the variable.</param>
    /// <param name="cancellationToken">When cancelled, the plugin and every process it started are killed.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The binary could not be started (errno in NativeErrorCode).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the process tree has been killed.</exception>
    public static async Task<PluginOutput> RunAsync(
        string pluginPath,
        ReadOnlyMemory<byte> stdin,
        IEnumerable<KeyValuePair<string, string?>> environment,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(pluginPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();

        var stdout = ReadToEndAsync(process.StandardOutput.BaseStream, cancellationToken);
        var stderr = ReadToEndAsync(process.StandardError.BaseStream, cancellationToken);
        var input = WriteAndCloseAsync(process.StandardInput.BaseStream, stdin, cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

            // A child the plugin left running may still hold the pipes open; the token bounds that wait too.
            await Task.WhenAll(input, stdout, stderr).ConfigureAwait(false);
            return new PluginOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await ObserveAsync(input, stdout, stderr).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    private static async Task WriteAndCloseAsync(Stream stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The plugin exited or closed stdin without reading all of it (EPIPE); like Go's os/exec,
            // that is not a failure of the run: the exit code and output decide.
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited between the cancellation and the kill: nothing is left to stop.
        }
    }

    // The readers and the writer end once the killed processes' pipes close or the token stops them;
    // their outcome no longer matters, but each is awaited so no exception goes unobserved.
    private static async Task ObserveAsync(params Task[] tasks)
    {
        foreach (var task in tasks)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
        }
    }
}
