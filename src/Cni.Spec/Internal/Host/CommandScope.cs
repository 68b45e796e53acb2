namespace Cni.Internal.Host;

/// <summary>
/// One <see cref="CniPluginBuilder{TConfig}.AddCommandScope"/> registration: what starts the scope, and
/// how long its stop may hold up the plugin's exit.
/// </summary>
internal sealed class CommandScope(Func<Func<string, string?>, IDisposable?> start, TimeSpan stopTimeout)
{
    private readonly Func<Func<string, string?>, IDisposable?> _start = start;

    /// <summary>
    /// Starts every registered scope, in order, into <paramref name="started"/> (allocated here, and only when
    /// there is a registration). Filled in as they start, so <see cref="StopAll"/> stops those that started
    /// when a later one throws.
    /// </summary>
    public static void StartAll(CommandScope[] scopes, Func<string, string?> environment, ref IDisposable?[]? started)
    {
        if (scopes.Length == 0)
        {
            return;
        }

        started = new IDisposable?[scopes.Length];
        for (var i = 0; i < scopes.Length; i++)
        {
            started[i] = scopes[i]._start(environment);
        }
    }

    /// <summary>Stops what <see cref="StartAll"/> started, last first, each within its registration's time.</summary>
    public static void StopAll(CommandScope[] scopes, IDisposable?[]? started)
    {
        if (started is null)
        {
            return;
        }

        for (var i = started.Length - 1; i >= 0; i--)
        {
            if (started[i] is { } scope)
            {
                scopes[i].Stop(scope);
            }
        }
    }

    /// <summary>
    /// Disposes on a thread of its own and waits at most the stop timeout: a stop that hangs (an exporter
    /// waiting on a collector that never answers) is left behind on a background thread, which does not
    /// keep the process from exiting. What it throws is dropped: the command's output is written already,
    /// and a scope must not change the plugin's result or exit code.
    /// </summary>
    private void Stop(IDisposable scope)
    {
        if (stopTimeout == Timeout.InfiniteTimeSpan)
        {
            DisposeQuietly(scope);
            return;
        }

        var thread = new Thread(() => DisposeQuietly(scope)) { IsBackground = true, Name = "Cni command scope stop" };
        thread.Start();
        thread.Join(stopTimeout);
    }

    private static void DisposeQuietly(IDisposable scope)
    {
        try
        {
            scope.Dispose();
        }
#pragma warning disable CA1031 // A scope's failure to stop must not change the plugin's result or exit code (see Stop).
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
