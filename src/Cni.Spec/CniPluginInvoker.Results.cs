using Cni.Internal;
using Cni.Internal.Invoke;

namespace Cni;

/// <content>Commands that answer with a result: ADD run directly or delegated.</content>
public sealed partial class CniPluginInvoker
{
    /// <inheritdoc/>
    public async Task<CniResult> ExecWithResultAsync(string pluginPath, ReadOnlyMemory<byte> config, CniInvokeArgs args, CancellationToken cancellationToken = default)
    {
        var stdout = await ExecAsync(pluginPath, config, args, cancellationToken).ConfigureAwait(false);
        return ReadResult(config.Span, stdout);
    }

    /// <inheritdoc/>
    public async Task<CniResult> DelegateAddAsync(string plugin, ReadOnlyMemory<byte> config, CancellationToken cancellationToken = default)
    {
        var stdout = await DelegateAsync("ADD", plugin, config, cancellationToken).ConfigureAwait(false);
        return ReadResult(config.Span, stdout);
    }

    // As libcni: the result is read in the version it states; a result that states none is taken to
    // be in the configuration's version (a plugin must answer in it). It is not converted.
    private static CniResult ReadResult(ReadOnlySpan<byte> config, byte[] stdout)
    {
        var configVersion = CniVersionJson.ReadConfigVersion(config);
        var version = CniVersionJson.ReadResultVersion(stdout) ?? configVersion;
        if (!CniVersion.TryParse(version, out var parsed))
        {
            ThrowHelper.ThrowUnsupportedResultVersion(version);
        }

        return CniResult.Parse(stdout, parsed);
    }
}
