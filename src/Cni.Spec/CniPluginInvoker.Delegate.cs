using Cni.Internal.Diagnostics;

namespace Cni;

/// <content>Delegation: a plugin running another plugin (its IPAM) for the same request.</content>
public sealed partial class CniPluginInvoker
{
    /// <inheritdoc/>
    public Task DelegateCheckAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default)
        => DelegateAsync("CHECK", plugin, config, cancellationToken);

    /// <inheritdoc/>
    public Task DelegateDelAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default)
        => DelegateAsync("DEL", plugin, config, cancellationToken);

    /// <inheritdoc/>
    public Task DelegateGcAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default)
        => DelegateAsync("GC", plugin, config, cancellationToken);

    /// <inheritdoc/>
    public Task DelegateStatusAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default)
        => DelegateAsync("STATUS", plugin, config, cancellationToken);

    // As libcni: the delegate is found on this plugin's CNI_PATH and gets this plugin's whole
    // environment with only CNI_COMMAND replaced, and the same configuration on stdin. The delegate
    // runs inside its own invocation span, which becomes its TRACEPARENT.
    private async Task<byte[]> DelegateAsync(string command, string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        using var invocation = CallerTelemetry.StartInvocation(command, plugin);
        try
        {
            var pluginPath = FindInPath(plugin, SplitPathList(GetVariable("CNI_PATH")));
            CallerTelemetry.SetPluginPath(invocation, pluginPath);
            return await RunAsync(pluginPath, config, [new("CNI_COMMAND", command)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(invocation, e);
            throw;
        }
    }

    private string GetVariable(string name)
        => _options.Environment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name) ?? "";

    // Go's filepath.SplitList: an empty list has no folders; otherwise every ':' separates one, empty ones included.
    private static string[] SplitPathList(string list) => list.Length == 0 ? [] : list.Split(':');
}
