using Microsoft.Extensions.Logging;

namespace Cni;

/// <summary>
/// One validated request from a runtime, as a handler receives it: the CNI_* variables, the parsed
/// configuration and the previous result. Built by the plugin host only after every check of the
/// specification passed (see docs/plugin-host.md).
/// </summary>
/// <typeparam name="TConfig">The plugin's configuration class.</typeparam>
public sealed class CniRequest<TConfig>
    where TConfig : NetworkConfig
{
    internal CniRequest(
        CniCommand command,
        CniVersion version,
        TConfig config,
        ReadOnlyMemory<byte> configJson,
        CniResult? prevResult,
        IServiceProvider services,
        ILogger logger)
    {
        Command = command;
        Version = version;
        Config = config;
        ConfigJson = configJson;
        PrevResult = prevResult;
        Services = services;
        Logger = logger;
    }

    /// <summary>The operation asked for (CNI_COMMAND).</summary>
    public CniCommand Command { get; }

    /// <summary>The container's ID (CNI_CONTAINERID); empty for GC and STATUS.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>
    /// The path of the container's network namespace (CNI_NETNS); <see langword="null"/> when not
    /// given (DEL after the namespace is gone, GC, STATUS). Never the plugin's own namespace.
    /// </summary>
    public string? NetNs { get; init; }

    /// <summary>The name of the interface to create inside the container (CNI_IFNAME); empty for GC and STATUS.</summary>
    public string IfName { get; init; } = "";

    /// <summary>The runtime's extra arguments (CNI_ARGS), <c>K=V;K2=V2</c>.</summary>
    public CniArgs Args { get; init; } = CniArgs.Empty;

    /// <summary>The directories to look for other plugins in (CNI_PATH), in order.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>The configuration from stdin, read into the plugin's own type.</summary>
    public TConfig Config { get; }

    /// <summary>The configuration exactly as it came on stdin, to pass on to a delegated plugin such as IPAM.</summary>
    public ReadOnlyMemory<byte> ConfigJson { get; }

    /// <summary>
    /// The spec version of this request (the configuration's <c>cniVersion</c>, one the plugin supports).
    /// The host writes the ADD result in this version.
    /// </summary>
    public CniVersion Version { get; }

    /// <summary>The previous plugin's result in a chain (<c>prevResult</c>), read in <see cref="Version"/>; <see langword="null"/> when absent.</summary>
    public CniResult? PrevResult { get; }

    /// <summary>The plugin's services (what it registered with <see cref="CniPluginBuilder{TConfig}.Services"/>, plus logging).</summary>
    public IServiceProvider Services { get; }

    /// <summary>A logger for the handler; lines go to stderr or the config's <c>logFile</c>, never to stdout.</summary>
    public ILogger Logger { get; }
}
