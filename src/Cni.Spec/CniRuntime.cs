using System.Text.Json;
using Cni.Internal.Diagnostics;
using Cni.Internal.Host;
using Cni.Internal.Runtime;

namespace Cni;

/// <summary>
/// The runtime side of CNI (what Go calls libcni): runs a network configuration list's plugins for
/// a container as containerd, CRI-O or kubelet do: ADD in order passing each result on as
/// <c>prevResult</c>, CHECK and DEL with the cached result (DEL in reverse order), GC and STATUS,
/// with a result cache libcni can read and write too. Thread-safe; plugins run through an
/// <see cref="ICniPluginInvoker"/> (its timeout applies to every plugin run).
/// </summary>
public sealed partial class CniRuntime
{
    private readonly CniRuntimeOptions _options;
    private readonly ICniPluginInvoker _invoker;

    /// <summary>A runtime over <paramref name="options"/>, running plugins with <paramref name="invoker"/>.</summary>
    /// <param name="options">Plugin folders and the cache directory.</param>
    /// <param name="invoker">Runs the plugin binaries; a default <see cref="CniPluginInvoker"/> when <see langword="null"/>.</param>
    public CniRuntime(CniRuntimeOptions options, ICniPluginInvoker? invoker = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _invoker = invoker ?? new CniPluginInvoker();
    }

    /// <summary>The result cached by the last successful ADD of this attachment, converted to the list's version; <see langword="null"/> when none.</summary>
    /// <param name="list">The network.</param>
    /// <param name="attachment">The container and interface.</param>
    /// <returns>The cached result, or <see langword="null"/>.</returns>
    /// <exception cref="CniException">The cached result cannot be expressed in the list's version.</exception>
    public CniResult? GetCachedResult(NetworkConfigList list, CniAttachmentRequest attachment)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(attachment);
        return CachedResultJson(list, attachment) is { } json ? CniResult.Parse(json, list.CniVersion) : null;
    }

    private string CachePath(NetworkConfigList list, CniAttachmentRequest attachment)
        => ResultCache.PathOf(_options.CacheDirectory, list.Name, attachment.ContainerId, attachment.IfName);

    /// <summary>The cached result as JSON in the list's version, as libcni hands it to CHECK and DEL.</summary>
    private byte[]? CachedResultJson(NetworkConfigList list, CniAttachmentRequest attachment)
    {
        if (ResultCache.TryRead(CachePath(list, attachment)) is not { } cached)
        {
            return null;
        }

        CniResult result;
        try
        {
            result = CniResult.Parse(cached.Result);
        }
        catch (CniException)
        {
            // Unreadable as a result: treated as no cache, so DEL still runs.
            return null;
        }

        try
        {
            return result.ToUtf8Json(list.CniVersion);
        }
        catch (CniException e)
        {
            throw new CniException(e.Code, $"failed to convert cached result to config version \"{list.CniVersion}\": {e.Message}", e.Details, e);
        }
    }

    private CniInvokeArgs Args(string command, CniAttachmentRequest attachment) => new()
    {
        Command = command,
        ContainerId = attachment.ContainerId,
        NetNs = attachment.NetNs,
        IfName = attachment.IfName,
        Args = string.Join(';', attachment.Args.Select(pair => $"{pair.Key}={pair.Value}")),
        Path = string.Join(':', _options.PluginPaths),
    };

    private string Find(PluginConfig plugin) => _invoker.FindInPath(plugin.Type, [.. _options.PluginPaths]);

    /// <summary>
    /// Runs one plugin of a list inside its invocation span (the invoker hands the span to the plugin as
    /// <c>TRACEPARENT</c>): finds it, then builds its stdin (<paramref name="stdin"/> runs after the search,
    /// so a missing plugin is reported first, as libcni does) and runs it.
    /// </summary>
    private async Task<byte[]> ExecPluginAsync(string command, PluginConfig plugin, Func<byte[]> stdin, CniInvokeArgs args, CancellationToken cancellationToken)
    {
        using var invocation = CallerTelemetry.StartInvocation(command, plugin.Type);
        try
        {
            var path = Find(plugin);
            CallerTelemetry.SetPluginPath(invocation, path);
            return await _invoker.ExecAsync(path, stdin(), args, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            CallerTelemetry.Fail(invocation, e);
            throw;
        }
    }

    /// <summary>libcni's wrapping of a plugin's error: <c>plugin type="bridge" name="net" failed (add): ...</c>, code and details kept.</summary>
    private static CniException Failed(PluginConfig plugin, string operation, CniException error)
    {
        var name = PluginName(plugin);
        var description = name.Length == 0 ? $"type=\"{plugin.Type}\"" : $"type=\"{plugin.Type}\" name=\"{name}\"";
        return new CniException(error.Code, $"plugin {description} failed ({operation}): {error.Message}", error.Details, error);
    }

    // The plugin's own "name", which libcni names in errors (the list's name is injected only into what the plugin reads).
    private static string PluginName(PluginConfig plugin)
    {
        using var document = JsonDocument.Parse(plugin.Json);
        return document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
    }

    private static void ValidateAttachment(NetworkConfigList list, CniAttachmentRequest attachment)
    {
        IdentifierRules.ValidateContainerId(attachment.ContainerId);
        IdentifierRules.ValidateNetworkName(list.Name);
        IdentifierRules.ValidateInterfaceName(attachment.IfName);
    }
}
