namespace Cni;

/// <summary>
/// Finds and runs CNI plugin binaries the way libcni's pkg/invoke does: the same search on
/// CNI_PATH, the same environment, the same retry when a binary is still being written, and the
/// same errors when a plugin fails. Adds what libcni leaves to the caller: a timeout and
/// cancellation that kill the plugin and every process it started. Safe to share between threads.
/// </summary>
/// <remarks>See docs/invoke.md for the rules and the libcni facts behind them.</remarks>
public sealed partial class CniPluginInvoker : ICniPluginInvoker
{
    private readonly CniPluginInvokerOptions _options;

    /// <summary>Creates an invoker with the default options: no timeout, stderr copied to this process's.</summary>
    public CniPluginInvoker()
        : this(new CniPluginInvokerOptions())
    {
    }

    /// <summary>Creates an invoker.</summary>
    /// <param name="options">How plugins are run; read at each invocation, so later changes apply.</param>
    public CniPluginInvoker(CniPluginInvokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc/>
    public string FindInPath(string plugin, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(paths);
        if (plugin.Length == 0)
        {
            Internal.ThrowHelper.ThrowPluginNameEmpty();
        }

        if (plugin.Contains('/', StringComparison.Ordinal))
        {
            Internal.ThrowHelper.ThrowPluginNameInvalid(plugin);
        }

        if (paths.Count == 0)
        {
            Internal.ThrowHelper.ThrowNoPluginPaths();
        }

        foreach (var folder in paths)
        {
            // As Go's filepath.Join, an empty folder leaves the bare name, so the current directory is searched.
            var candidate = Path.Join(folder, plugin);

            // libcni takes the first regular file (symbolic links followed) and does not look at the
            // execute bit: a file that cannot be run fails at exec with "permission denied".
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Internal.ThrowHelper.ThrowPluginNotFound(plugin, paths);
        return null;
    }
}
