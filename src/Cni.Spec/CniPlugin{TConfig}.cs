using Cni.Internal.Host;
using Microsoft.Extensions.DependencyInjection;

namespace Cni;

/// <summary>
/// A CNI plugin: handlers for ADD, DEL, CHECK, GC and STATUS, run by a host that does everything
/// else the way the reference (libcni's skel) does: reads CNI_* and stdin, validates them, answers
/// VERSION, writes the result in the configuration's version, and turns every failure into the
/// spec's error JSON. Create it with <see cref="CniPlugin"/>.
/// </summary>
/// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
/// <remarks>
/// Register handlers before <see cref="RunAsync()"/>; ADD is required, the others succeed without
/// doing anything when not registered (as skel does for missing callbacks). Handlers may write to
/// <see cref="Console.Out"/>: while they run it points at stderr, so stdout holds only the host's
/// one JSON document.
/// </remarks>
public sealed partial class CniPlugin<TConfig>
    where TConfig : NetworkConfig
{
    private readonly ConfigParser<TConfig> _parseConfig;
    private readonly ServiceDescriptor[] _services;
    private readonly CommandScope[] _commandScopes;
    private readonly Lazy<string> _about;
    private Func<CniRequest<TConfig>, CancellationToken, Task<CniResult>>? _add;
    private Func<CniRequest<TConfig>, CancellationToken, Task>? _del;
    private Func<CniRequest<TConfig>, CancellationToken, Task>? _check;
    private Func<CniRequest<TConfig>, CancellationToken, Task>? _gc;
    private Func<CniRequest<TConfig>, CancellationToken, Task>? _status;

    internal CniPlugin(ConfigParser<TConfig> parseConfig, ServiceDescriptor[] services, CommandScope[] commandScopes, SupportedVersions supportedVersions, Lazy<string> about)
    {
        _parseConfig = parseConfig;
        _services = services;
        _commandScopes = commandScopes;
        SupportedVersions = supportedVersions;
        _about = about;
    }

    /// <summary>The spec versions the plugin accepts and reports to VERSION.</summary>
    public SupportedVersions SupportedVersions { get; }

    /// <summary>The first line of the text shown when the plugin runs without CNI_COMMAND.</summary>
    public string About => _about.Value;

    /// <summary>Sets the ADD handler: attach the container and return the result (written in the request's version).</summary>
    /// <param name="handler">Receives the request and a token cancelled on SIGTERM.</param>
    public void OnAdd(Func<CniRequest<TConfig>, CancellationToken, Task<CniResult>> handler)
        => _add = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Sets the DEL handler: release what ADD made; it must succeed when that is already gone.</summary>
    /// <param name="handler">Receives the request and a token cancelled on SIGTERM.</param>
    public void OnDel(Func<CniRequest<TConfig>, CancellationToken, Task> handler)
        => _del = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Sets the CHECK handler: throw a <see cref="CniException"/> when what ADD made is not in place.</summary>
    /// <param name="handler">Receives the request (with <see cref="CniRequest{TConfig}.PrevResult"/>) and a token cancelled on SIGTERM.</param>
    public void OnCheck(Func<CniRequest<TConfig>, CancellationToken, Task> handler)
        => _check = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Sets the GC handler: release resources of attachments not in <see cref="NetworkConfig.ValidAttachments"/>.</summary>
    /// <param name="handler">Receives the request and a token cancelled on SIGTERM.</param>
    public void OnGc(Func<CniRequest<TConfig>, CancellationToken, Task> handler)
        => _gc = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Sets the STATUS handler: throw a <see cref="CniException"/> (code 50 or 51) when ADD cannot be served.</summary>
    /// <param name="handler">Receives the request and a token cancelled on SIGTERM.</param>
    public void OnStatus(Func<CniRequest<TConfig>, CancellationToken, Task> handler)
        => _status = handler ?? throw new ArgumentNullException(nameof(handler));
}
