using System.Text.Json;
using Cni.Internal.Diagnostics;
using Cni.Internal.Runtime;

namespace Cni;

public sealed partial class CniRuntime
{
    /// <summary>
    /// GC (spec 1.1.0): first a full DEL for every cached attachment of the network that is not in
    /// <paramref name="validAttachments"/>, then, from spec 1.1.0 on, GC to every plugin with the valid
    /// attachments as <c>cni.dev/valid-attachments</c> and, as libcni 1.2.3+ does for plugins that read the
    /// name an earlier spec text used, as <c>cni.dev/attachments</c>. Keeps going after a failure and reports every
    /// failure at the end. Does nothing when the list sets <c>disableGC</c>.
    /// </summary>
    /// <param name="list">The network.</param>
    /// <param name="validAttachments">The attachments still in use.</param>
    /// <param name="cancellationToken">Cancels the running plugin.</param>
    /// <returns>A task that completes when every plugin has run.</returns>
    /// <exception cref="CniException">One or more steps failed; the message lists them all.</exception>
    public async Task CollectGarbageAsync(NetworkConfigList list, IEnumerable<CniAttachment> validAttachments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(validAttachments);
        using var operation = CallerTelemetry.StartOperation("GC", list, null);
        try
        {
            if (list.DisableGC)
            {
                return;
            }

            var valid = validAttachments.ToList();
            var failures = new List<string>();
            CniErrorCode? firstCode = null;
            foreach (var cached in ResultCache.ForNetwork(_options.CacheDirectory, list.Name).ToList())
            {
                var stale = cached.Attachment;
                if (valid.Any(v => v.ContainerId == stale.ContainerId && v.IfName == stale.IfName))
                {
                    continue;
                }

                try
                {
                    await DeleteAsync(list, stale, cancellationToken).ConfigureAwait(false);
                }
                catch (CniException e)
                {
                    firstCode ??= e.Code;
                    failures.Add($"failed to delete stale attachment {stale.ContainerId} {stale.IfName}: {e.Message}");
                }
            }

            if (list.CniVersion >= CniVersion.V110)
            {
                var attachments = ValidAttachmentsJson(valid);
                foreach (var plugin in list.Plugins)
                {
                    try
                    {
                        await ExecPluginAsync(
                            "GC",
                            plugin,
                            () => PluginStdin.Build(list, plugin, [], null, attachments),
                            new CniInvokeArgs { Command = "GC", Path = string.Join(':', _options.PluginPaths) },
                            cancellationToken).ConfigureAwait(false);
                    }
                    catch (CniException e)
                    {
                        firstCode ??= e.Code;
                        failures.Add($"failed to GC plugin {plugin.Type}: {e.Message}");
                    }
                }
            }

            if (failures.Count > 0)
            {
                throw new CniException(firstCode ?? CniErrorCode.Internal, string.Join("; ", failures));
            }
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(operation, e);
            throw;
        }
    }

    /// <summary>
    /// STATUS (spec 1.1.0): asks every plugin in order whether it can serve an ADD, stopping at the first
    /// that cannot. Below 1.1.0 there is nothing to ask and it succeeds.
    /// </summary>
    /// <param name="list">The network.</param>
    /// <param name="cancellationToken">Cancels the running plugin.</param>
    /// <returns>A task that completes when every plugin is ready.</returns>
    /// <exception cref="CniException">The first plugin's error as it returned it (code 50 or 51 by the spec).</exception>
    public async Task StatusAsync(NetworkConfigList list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        using var operation = CallerTelemetry.StartOperation("STATUS", list, null);
        try
        {
            if (list.CniVersion < CniVersion.V110)
            {
                return;
            }

            foreach (var plugin in list.Plugins)
            {
                await ExecPluginAsync(
                    "STATUS",
                    plugin,
                    () => PluginStdin.Build(list, plugin, [], null),
                    new CniInvokeArgs { Command = "STATUS", Path = string.Join(':', _options.PluginPaths) },
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(operation, e);
            throw;
        }
    }

    private static JsonElement ValidAttachmentsJson(IReadOnlyList<CniAttachment> valid)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var attachment in valid)
            {
                writer.WriteStartObject();
                writer.WriteString("containerID"u8, attachment.ContainerId);
                writer.WriteString("ifname"u8, attachment.IfName);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
