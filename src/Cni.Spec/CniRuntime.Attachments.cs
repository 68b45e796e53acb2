using Cni.Internal;
using Cni.Internal.Diagnostics;
using Cni.Internal.Invoke;
using Cni.Internal.Runtime;

namespace Cni;

public sealed partial class CniRuntime
{
    /// <summary>
    /// ADD: runs every plugin of <paramref name="list"/> in order, each receiving the previous one's result
    /// as <c>prevResult</c> (as it printed it), then caches the last result.
    /// </summary>
    /// <param name="list">The network.</param>
    /// <param name="attachment">The container, its namespace and interface.</param>
    /// <param name="cancellationToken">Cancels the running plugin (its process tree is killed).</param>
    /// <returns>The last plugin's result.</returns>
    /// <exception cref="CniException">A plugin failed: its code and details, the message prefixed as libcni does.</exception>
    public async Task<CniResult> AddAsync(NetworkConfigList list, CniAttachmentRequest attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(attachment);
        using var operation = CallerTelemetry.StartOperation("ADD", list, attachment);
        try
        {
            byte[] previous = [];
            CniResult? result = null;
            foreach (var plugin in list.Plugins)
            {
                try
                {
                    var stdout = await ExecPluginAsync(
                        "ADD",
                        plugin,
                        () =>
                        {
                            ValidateAttachment(list, attachment);
                            return PluginStdin.Build(list, plugin, previous, attachment.CapabilityArgs);
                        },
                        Args("ADD", attachment),
                        cancellationToken).ConfigureAwait(false);

                    // As libcni: the result is read in the version it states, or else the configuration's.
                    var stated = CniVersionJson.ReadResultVersion(stdout) ?? list.CniVersion.ToString();
                    if (!CniVersion.TryParse(stated, out var version))
                    {
                        ThrowHelper.ThrowUnsupportedResultVersion(stated);
                    }

                    result = CniResult.Parse(stdout, version);
                    previous = stdout;
                }
                catch (CniException e)
                {
                    throw Failed(plugin, "add", e);
                }
            }

            try
            {
                ResultCache.Write(CachePath(list, attachment), list, attachment, previous);
            }
            catch (IOException e)
            {
                throw new CniException(CniErrorCode.IOFailure, $"failed to set network \"{list.Name}\" cached result: {e.Message}", null, e);
            }

            // A list has at least one plugin (NetworkConfigList.Parse requires one), so a result exists.
            return result!;
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(operation, e);
            throw;
        }
    }

    /// <summary>
    /// CHECK: runs every plugin in order with the cached result as <c>prevResult</c>. Refused below
    /// spec 0.4.0; does nothing when the list sets <c>disableCheck</c>.
    /// </summary>
    /// <param name="list">The network.</param>
    /// <param name="attachment">The container, its namespace and interface.</param>
    /// <param name="cancellationToken">Cancels the running plugin.</param>
    /// <returns>A task that completes when every plugin agreed.</returns>
    /// <exception cref="CniException">A plugin found a difference (its error, as libcni 1.1 returns it), or CHECK is not allowed.</exception>
    public async Task CheckAsync(NetworkConfigList list, CniAttachmentRequest attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(attachment);
        using var operation = CallerTelemetry.StartOperation("CHECK", list, attachment);
        try
        {
            if (list.CniVersion < CniVersion.V040)
            {
                throw new CniException(CniErrorCode.IncompatibleCniVersion, $"configuration version \"{list.CniVersion}\" does not support the CHECK command");
            }

            if (list.DisableCheck)
            {
                return;
            }

            var cached = CachedResultJson(list, attachment) ?? [];
            foreach (var plugin in list.Plugins)
            {
                await ExecPluginAsync(
                    "CHECK",
                    plugin,
                    () =>
                    {
                        ValidateAttachment(list, attachment);
                        return PluginStdin.Build(list, plugin, cached, attachment.CapabilityArgs);
                    },
                    Args("CHECK", attachment),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(operation, e);
            throw;
        }
    }

    /// <summary>
    /// DEL: runs every plugin in reverse order with the cached result as <c>prevResult</c> (from spec
    /// 0.4.0 on), then removes the cache entry. An empty or corrupt cache entry does not stop it.
    /// </summary>
    /// <param name="list">The network.</param>
    /// <param name="attachment">The container, its namespace and interface.</param>
    /// <param name="cancellationToken">Cancels the running plugin.</param>
    /// <returns>A task that completes when every plugin has released what it held.</returns>
    /// <exception cref="CniException">A plugin failed: its code and details, the message prefixed as libcni does.</exception>
    public async Task DeleteAsync(NetworkConfigList list, CniAttachmentRequest attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(attachment);
        using var operation = CallerTelemetry.StartOperation("DEL", list, attachment);
        try
        {
            var cached = list.CniVersion >= CniVersion.V040 ? CachedResultJson(list, attachment) ?? [] : [];
            for (var i = list.Plugins.Count - 1; i >= 0; i--)
            {
                var plugin = list.Plugins[i];
                try
                {
                    await ExecPluginAsync(
                        "DEL",
                        plugin,
                        () => PluginStdin.Build(list, plugin, cached, attachment.CapabilityArgs),
                        Args("DEL", attachment),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (CniException e)
                {
                    throw Failed(plugin, "delete", e);
                }
            }

            ResultCache.Delete(CachePath(list, attachment));
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(operation, e);
            throw;
        }
    }
}
