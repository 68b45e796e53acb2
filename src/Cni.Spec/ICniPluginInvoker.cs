namespace Cni;

/// <summary>
/// Finds and runs CNI plugins (what libcni calls pkg/invoke): a runtime runs a plugin for an
/// attachment, a plugin delegates to its IPAM plugin. <see cref="CniPluginInvoker"/> runs real
/// binaries; tests and plugins may register a substitute.
/// </summary>
public interface ICniPluginInvoker
{
    /// <summary>
    /// The path of the plugin named <paramref name="plugin"/>: the first folder in
    /// <paramref name="paths"/> that holds a regular file of that name.
    /// </summary>
    /// <param name="plugin">The plugin's name, for example <c>host-local</c>; no <c>/</c>.</param>
    /// <param name="paths">The folders to search, in order (CNI_PATH split at <c>:</c>).</param>
    /// <returns>The plugin's full path.</returns>
    /// <exception cref="CniException">Code 999 with libcni's message: no name, a name with <c>/</c>, no folders, or not found.</exception>
    string FindInPath(string plugin, IReadOnlyList<string> paths);

    /// <summary>Runs a plugin and returns what it printed on stdout when it exits with 0.</summary>
    /// <param name="pluginPath">The plugin binary.</param>
    /// <param name="stdin">The bytes for its stdin, usually the network configuration.</param>
    /// <param name="args">The CNI_* variables; the rest of the environment is this process's.</param>
    /// <param name="cancellationToken">Cancels the run: the plugin and its children are killed.</param>
    /// <returns>The plugin's stdout.</returns>
    /// <exception cref="CniException">The plugin failed (its own error or one built as libcni does), or timed out (code 11).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<byte[]> ExecAsync(string pluginPath, ReadOnlyMemory<byte> stdin, CniInvokeArgs args, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a plugin that answers with a result (ADD) and reads the result in the version it states,
    /// or the configuration's version when it states none, as libcni does.
    /// </summary>
    /// <param name="pluginPath">The plugin binary.</param>
    /// <param name="config">The network configuration for its stdin.</param>
    /// <param name="args">The CNI_* variables.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The plugin's result.</returns>
    /// <exception cref="CniException">The plugin failed or timed out, or its result could not be read (code 6).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<CniResult> ExecWithResultAsync(string pluginPath, ReadOnlyMemory<byte> config, CniInvokeArgs args, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks a plugin which spec versions it supports (the VERSION command). A plugin too old to know
    /// VERSION is taken to support 0.1.0 only, as libcni does.
    /// </summary>
    /// <param name="pluginPath">The plugin binary.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The plugin's answer.</returns>
    /// <exception cref="CniException">The plugin failed or timed out, or its answer could not be read (code 6).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<PluginVersionInfo> GetVersionInfoAsync(string pluginPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// From inside a plugin: runs the plugin named <paramref name="plugin"/> (usually the IPAM
    /// <c>type</c>), found on CNI_PATH, with ADD and this plugin's own CNI_* variables and
    /// <paramref name="config"/>, and returns its result.
    /// </summary>
    /// <param name="plugin">The delegate's name, for example <c>host-local</c>.</param>
    /// <param name="config">The configuration to pass on, usually the bytes this plugin got on stdin.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The delegate's result.</returns>
    /// <exception cref="CniException">Not found on CNI_PATH, the delegate failed or timed out, or its result could not be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<CniResult> DelegateAddAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default);

    /// <summary>From inside a plugin: runs the delegate with CHECK (see <see cref="DelegateAddAsync"/>).</summary>
    /// <param name="plugin">The delegate's name.</param>
    /// <param name="config">The configuration to pass on.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the delegate succeeded.</returns>
    /// <exception cref="CniException">Not found on CNI_PATH, or the delegate failed or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task DelegateCheckAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default);

    /// <summary>From inside a plugin: runs the delegate with DEL (see <see cref="DelegateAddAsync"/>).</summary>
    /// <param name="plugin">The delegate's name.</param>
    /// <param name="config">The configuration to pass on.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the delegate succeeded.</returns>
    /// <exception cref="CniException">Not found on CNI_PATH, or the delegate failed or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task DelegateDelAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default);

    /// <summary>From inside a plugin: runs the delegate with GC (see <see cref="DelegateAddAsync"/>).</summary>
    /// <param name="plugin">The delegate's name.</param>
    /// <param name="config">The configuration to pass on, with <c>cni.dev/valid-attachments</c>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the delegate succeeded.</returns>
    /// <exception cref="CniException">Not found on CNI_PATH, or the delegate failed or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task DelegateGcAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default);

    /// <summary>From inside a plugin: runs the delegate with STATUS (see <see cref="DelegateAddAsync"/>).</summary>
    /// <param name="plugin">The delegate's name.</param>
    /// <param name="config">The configuration to pass on.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the delegate reports it is ready.</returns>
    /// <exception cref="CniException">Not found on CNI_PATH, the delegate is not ready (codes 50, 51) or failed, or it timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task DelegateStatusAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default);
}
