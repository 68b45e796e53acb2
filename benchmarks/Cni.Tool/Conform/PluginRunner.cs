using System.Diagnostics;

namespace Cni.Tool.Conform;

/// <summary>Runs the plugin under test inside the sandbox's node namespace, capturing everything it prints.</summary>
internal sealed class PluginRunner(string pluginPath, string cniPath, ConformSandbox sandbox)
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

    public async Task<PluginRun> RunAsync(PluginCall call, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(pluginPath)
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

        var clock = Stopwatch.StartNew();
        using var process = sandbox.Start(info);
        using var stdout = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(call.Stdin, cancellationToken).ConfigureAwait(false);
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
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the plugin did not exit within {s_timeout.TotalSeconds} s");
        }

        await reading.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        return new PluginRun(process.ExitCode, stdout.ToArray(), await stderr.ConfigureAwait(false), elapsed);
    }
}
