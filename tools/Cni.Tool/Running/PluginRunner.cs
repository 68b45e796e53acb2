using System.Diagnostics;
using Cni.Tool.Bench;

namespace Cni.Tool.Running;

/// <summary>Runs the plugin under test inside the sandbox's node namespace, capturing everything it prints.</summary>
internal sealed class PluginRunner(string pluginPath, string cniPath, Sandbox sandbox)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>CNI_PATH for the plugin: its own folder first, so an IPAM plugin next to it is found.</summary>
    public string CniPath { get; } = string.Join(':', new[] { Path.GetDirectoryName(Path.GetFullPath(pluginPath))! }.Concat(cniPath.Split(':', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal));

    /// <summary>The environment a runtime gives for <paramref name="command"/> on an attachment.</summary>
    public Dictionary<string, string> Environment(string command, string containerId = "", string netNs = "", string ifName = "eth0", string args = "")
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["CNI_COMMAND"] = command, ["CNI_PATH"] = CniPath };
        if (containerId.Length > 0)
        {
            environment["CNI_CONTAINERID"] = containerId;
            environment["CNI_IFNAME"] = ifName;
        }

        if (netNs.Length > 0)
        {
            environment["CNI_NETNS"] = netNs;
        }

        if (args.Length > 0)
        {
            environment["CNI_ARGS"] = args;
        }

        return environment;
    }

    public Task<PluginRun> RunAsync(PluginCall call, CancellationToken cancellationToken)
        => ExecuteAsync(StartInfo(pluginPath, [], call), call.Stdin, cancellationToken);

    /// <summary>
    /// Runs the plugin under <c>cni measure</c> (<paramref name="tool"/>), which records its wall time, CPU
    /// time and peak memory exactly; the plugin's stdio pass through unchanged.
    /// </summary>
    /// <exception cref="ToolException"><c>cni measure</c> failed (no report, or an unreadable one); the message holds its stderr.</exception>
    public async Task<(PluginRun Run, CallSample Sample)> RunMeasuredAsync(string tool, PluginCall call, CancellationToken cancellationToken)
    {
        var report = Path.Combine(sandbox.Directory, $"measure-{Guid.NewGuid():N}");
        var run = await ExecuteAsync(StartInfo(tool, ["measure", "--report", report, pluginPath], call), call.Stdin, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(report))
        {
            // measure writes no report when it could not run the plugin; its one-line error says why.
            throw new ToolException($"`cni measure` failed (exit {run.ExitCode}) and wrote no report: {run.Stderr.Trim().ReplaceLineEndings(" ")}");
        }

        var text = await File.ReadAllTextAsync(report, cancellationToken).ConfigureAwait(false);
        File.Delete(report);
        return MeasureReport.TryParse(text, out var sample)
            ? (run, sample)
            : throw new ToolException($"`cni measure` wrote an unreadable report \"{text}\" ({run.Describe()})");
    }

    private static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments, PluginCall call)
    {
        var info = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var (name, value) in call.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private async Task<PluginRun> ExecuteAsync(ProcessStartInfo info, byte[] stdin, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var process = sandbox.Start(info);
        try
        {
            using var stdout = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // A plugin may exit without reading stdin (VERSION, early errors).
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the plugin did not exit within {s_timeout.TotalSeconds} s");
            }

            await reading.ConfigureAwait(false);
            var elapsed = clock.Elapsed;
            return new PluginRun(process.ExitCode, stdout.ToArray(), await stderr.ConfigureAwait(false), elapsed);
        }
        finally
        {
            // Cancelled or timed out: the plugin (and its IPAM child, or `cni measure` and its plugin) must
            // not outlive the run, nor keep working in namespaces the sandbox is about to delete.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }
}
