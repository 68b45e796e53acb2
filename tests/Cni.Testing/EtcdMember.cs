using System.Diagnostics;

namespace Cni.Testing;

/// <summary>
/// One real etcd server (Debian's etcd-server) on loopback ports with a temporary data directory,
/// started and stopped by this test process, by its own pid. Part of an <see cref="EtcdCluster"/>.
/// </summary>
public sealed class EtcdMember : IDisposable
{
    private Process? _process;

    internal EtcdMember(string name, Uri clientUrl, int peerPort, string dataRoot)
    {
        Name = name;
        ClientUrl = clientUrl;
        PeerUrl = new Uri($"http://127.0.0.1:{peerPort}");
        DataDirectory = Path.Combine(dataRoot, name);
    }

    /// <summary>The member's name in the cluster.</summary>
    public string Name { get; }

    /// <summary>Where clients talk to it.</summary>
    public Uri ClientUrl { get; }

    /// <summary>Where the other members talk to it.</summary>
    public Uri PeerUrl { get; }

    /// <summary>Its data directory (removed with the cluster).</summary>
    public string DataDirectory { get; }

    /// <summary>Whether it runs now.</summary>
    public bool IsRunning => _process is { HasExited: false };

    internal IReadOnlyList<string> Arguments { get; set; } = [];

    /// <summary>Starts it (again, after <see cref="Kill"/>, on the same data directory).</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"etcd member {Name} is already running");
        }

        var start = new ProcessStartInfo(Requires.Executable("/usr/bin/etcd"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("etcd did not start");
        // etcd logs to its own file (--log-outputs); drain the pipes so it can never block on them.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Kills it at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Kill();
}
