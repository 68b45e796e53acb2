using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using Cni.Interop;
using Cni.Internal.Diagnostics;
using Cni.Internal.GoFormat;
using Cni.Internal.Invoke;

namespace Cni;

/// <content>Running a plugin: environment, retries, timeout, and the outcome.</content>
public sealed partial class CniPluginInvoker
{
    // libcni runs a binary up to six times while exec fails with "text file busy".
    private const int TextFileBusyAttempts = 6;

    // ETXTBSY: the binary is open for writing, typically because it is being installed right now.
    private const int TextFileBusy = 26;

    /// <inheritdoc/>
    public Task<byte[]> ExecAsync(string pluginPath, ReadOnlyMemory<byte> stdin, CniInvokeArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginPath);
        ArgumentNullException.ThrowIfNull(args);
        return RunAsync(pluginPath, stdin, args.ToEnvironment(), cancellationToken);
    }

    private async Task<byte[]> RunAsync(
        string pluginPath,
        ReadOnlyMemory<byte> stdin,
        IEnumerable<KeyValuePair<string, string>> cniVariables,
        CancellationToken cancellationToken)
    {
        // The CNI_* variables come after the options' so they win over the same names; the current span's
        // trace context comes last, replacing any inherited from this process.
        var environment = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in _options.Environment.Concat(cniVariables))
        {
            environment.Add(new(name, value));
        }

        TraceContextEnvironment.Write(environment);
        var timeout = _options.Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        PluginOutput output;
        try
        {
            output = await RunRetryingBusyAsync(pluginPath, stdin, environment, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Report the caller's token, not the linked one the run was given.
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }

            throw new CniException(
                CniErrorCode.TryAgainLater,
                string.Create(CultureInfo.InvariantCulture, $"netplugin {GoQuote.Quote(pluginPath)} did not finish within {timeout.TotalSeconds:0.###}s and was killed"),
                null,
                e);
        }

        if (output.ExitCode != 0)
        {
            throw PluginFailure.Create(string.Create(CultureInfo.InvariantCulture, $"exit status {output.ExitCode}"), output.Stdout, output.Stderr);
        }

        CopyStderr(output.Stderr);
        return output.Stdout;
    }

    private async Task<PluginOutput> RunRetryingBusyAsync(
        string pluginPath,
        ReadOnlyMemory<byte> stdin,
        List<KeyValuePair<string, string?>> environment,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PluginProcess.RunAsync(pluginPath, stdin, environment, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < TextFileBusyAttempts)
            {
                await Task.Delay(_options.TextFileBusyDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                // libcni reports a failed start like any other failure: Go's "fork/exec <path>: <errno text>".
                throw PluginFailure.Create($"fork/exec {pluginPath}: {Errno.GoText(e.NativeErrorCode)}", [], []);
            }
        }
    }

    // libcni copies a successful plugin's stderr to its own, so a delegate's logs reach the runtime.
    private void CopyStderr(byte[] stderr)
    {
        if (stderr.Length == 0)
        {
            return;
        }

        try
        {
            if (_options.Stderr is { } sink)
            {
                sink.Write(stderr);
                sink.Flush();
            }
            else
            {
                using var standardError = Console.OpenStandardError();
                standardError.Write(stderr);
            }
        }
        catch (IOException)
        {
            // The copy is only informational; a closed stderr must not fail a plugin that succeeded.
        }
    }
}
