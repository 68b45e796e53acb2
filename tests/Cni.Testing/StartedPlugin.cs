using System.Diagnostics;

namespace Cni.Testing;

/// <summary>
/// A plugin process started with its stdin still open, so a test decides when it may run (start many,
/// then release them together) or kills it at a chosen moment.
/// </summary>
public sealed class StartedPlugin : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private StartedPlugin(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts <paramref name="path"/> with only <paramref name="environment"/>; it blocks on stdin until <see cref="ReleaseAsync"/>.</summary>
    /// <param name="path">The executable.</param>
    /// <param name="environment">Its whole environment.</param>
    /// <returns>The running process.</returns>
    public static StartedPlugin Start(string path, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
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

        return new StartedPlugin(Process.Start(info)!);
    }

    /// <summary>Writes the configuration and closes stdin, so the plugin goes on.</summary>
    /// <param name="stdin">What the plugin reads on stdin.</param>
    /// <returns>A task that completes when stdin is written and closed.</returns>
    public async Task ReleaseAsync(string stdin)
    {
        try
        {
            await _process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process already exited (killed, or it failed before reading stdin).
        }
    }

    /// <summary>Sends SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited on its own first.
        }
    }

    /// <summary>Waits for the process to exit (30 seconds at most).</summary>
    /// <returns>Its stdout, stderr and exit status (137 when killed).</returns>
    public async Task<(string Stdout, string Stderr, int ExitCode)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (await _stdout.ConfigureAwait(false), await _stderr.ConfigureAwait(false), _process.ExitCode);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
