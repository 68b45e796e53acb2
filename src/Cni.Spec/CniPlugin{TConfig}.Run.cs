using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Cni.Internal.Host;

namespace Cni;

public sealed partial class CniPlugin<TConfig>
{
    /// <summary>
    /// Runs the plugin as a runtime executes it: reads the CNI_* environment variables and stdin,
    /// writes one JSON document (or nothing) on stdout, and returns the exit status for <c>Main</c>.
    /// SIGTERM cancels the token handlers receive.
    /// </summary>
    /// <returns>0 on success, 1 after writing an error.</returns>
    public async Task<int> RunAsync()
    {
        // Awaited, not returned: stdout must stay open until a handler that completes later has written.
        using var stdout = Console.OpenStandardOutput();
        return await RunAsync(Environment.GetEnvironmentVariable, Console.OpenStandardInput, stdout, () => Console.Error).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the plugin once in this process, without touching the console or the process environment:
    /// the way to test a plugin. The same code path as <see cref="RunAsync()"/>, but only the variables in
    /// <paramref name="environment"/> are seen.
    /// </summary>
    /// <param name="environment">The CNI_* variables, for example <c>["CNI_COMMAND"] = "ADD"</c>.</param>
    /// <param name="stdin">The network configuration JSON.</param>
    /// <param name="cancellationToken">Passed to the handler, standing in for SIGTERM.</param>
    /// <returns>What the plugin wrote and its exit status.</returns>
    public async Task<CniPluginOutput> InvokeAsync(IReadOnlyDictionary<string, string> environment, string stdin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(stdin);
        var input = Encoding.UTF8.GetBytes(stdin);
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await ExecuteAsync(
            name => environment.TryGetValue(name, out var value) ? value : null,
            () => input,
            stdout,
            () => stderr,
            cancellationToken).ConfigureAwait(false);
        return new CniPluginOutput(Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString(), exitCode);
    }

    /// <summary>
    /// <see cref="RunAsync()"/> with its streams given: when a handler may run, points
    /// <see cref="Console.Out"/> at <paramref name="stderr"/> and cancels on SIGTERM. VERSION and the
    /// about text run no handler and skip that setup, which keeps their start-up as short as the reference's.
    /// </summary>
    internal Task<int> RunAsync(Func<string, string?> environment, Func<Stream> openStdin, Stream stdout, Func<TextWriter> stderr)
    {
        var command = environment(CniEnvironment.Command);
        return string.IsNullOrEmpty(command) || command == "VERSION"
            ? ExecuteAsync(environment, () => ReadAll(openStdin), stdout, stderr, CancellationToken.None)
            : RunHandlerAsync(environment, openStdin, stdout, stderr());
    }

    private async Task<int> RunHandlerAsync(Func<string, string?> environment, Func<Stream> openStdin, Stream stdout, TextWriter stderr)
    {
        using var termination = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // Keep the process alive so the handler can stop cleanly and the error reaches stdout.
            context.Cancel = true;
            termination.Cancel();
        });
        var consoleOut = Console.Out;
        Console.SetOut(stderr);
        try
        {
            return await ExecuteAsync(environment, () => ReadAll(openStdin), stdout, () => stderr, termination.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(consoleOut);
        }
    }

    private static byte[] ReadAll(Func<Stream> openStdin)
    {
        using var stdin = openStdin();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }
}
