using Cni.Plugins.Internal.Diagnostics;
using Cni.Plugins.Internal.Masquerade;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cni.Plugins;

/// <summary>
/// ipMasq: traffic from a container to anywhere outside its subnet leaves the node with the
/// node's address. Two backends, chosen by <c>ipMasqBackend</c> as in the reference 1.5+:
/// <c>iptables</c> (the default, the only one of 1.1.1) and <c>nftables</c>, with the reference's
/// rule layout, so either plugin removes the other's rules. Teardown and GC clean up after both
/// backends, since the container may have been added with another configuration or another
/// version of the plugin; neither needs the container's addresses, so they work after the
/// container's namespace is gone. Each set-up and tear-down is a span of <see cref="PluginDiagnostics.ActivitySourceName"/>;
/// the rules given to the tools are logged at Debug.
/// </summary>
/// <param name="network">The network's name (the configuration's <c>name</c>).</param>
/// <param name="ifName">The container's interface (CNI_IFNAME).</param>
/// <param name="containerId">The container (CNI_CONTAINERID).</param>
/// <param name="logger">Where the rules written are logged (Debug), and retries after a race with another run (Information).</param>
public sealed class IpMasquerade(string network, string ifName, string containerId, ILogger logger)
{
    private const string SetUpOperation = "masquerade set up";
    private const string TearDownOperation = "masquerade tear down";
    private const string CollectGarbageOperation = "masquerade gc";

    private readonly IptablesMasquerade _iptables = new(network, containerId, logger ?? throw new ArgumentNullException(nameof(logger)));
    private readonly NftablesMasquerade _nftables = new(network, ifName, containerId, logger);

    /// <summary>Masquerade for a container, logging nothing.</summary>
    /// <param name="network">The network's name (the configuration's <c>name</c>).</param>
    /// <param name="ifName">The container's interface (CNI_IFNAME).</param>
    /// <param name="containerId">The container (CNI_CONTAINERID).</param>
    public IpMasquerade(string network, string ifName, string containerId)
        : this(network, ifName, containerId, NullLogger.Instance)
    {
    }

    /// <summary>
    /// The backend a configuration names: none means iptables, an unknown one is refused (code
    /// 7), so ADD can refuse it before it touches anything (the reference only fails when it gets
    /// to masquerade).
    /// </summary>
    /// <param name="configured">The value of <c>ipMasqBackend</c>, or null.</param>
    /// <returns>The backend.</returns>
    /// <exception cref="CniException">An unknown backend (code 7).</exception>
    public static IpMasqueradeBackend ParseBackend(string? configured) => configured switch
    {
        null or "" or "iptables" => IpMasqueradeBackend.Iptables,
        "nftables" => IpMasqueradeBackend.Nftables,
        _ => throw new CniException(CniErrorCode.InvalidNetworkConfig, $"unknown ipmasq backend \"{configured}\"", "use \"iptables\" or \"nftables\""),
    };

    /// <summary>Masquerades what each address (with its prefix) sends outside its own subnet.</summary>
    /// <param name="backend">The tool to write the rules with.</param>
    /// <param name="addresses">The container's addresses.</param>
    /// <param name="cancellationToken">Cancels the tool's run.</param>
    /// <returns>A task that completes when the rules are in.</returns>
    /// <exception cref="CniException">The tool failed (its message is included).</exception>
    public Task SetUpAsync(IpMasqueradeBackend backend, IEnumerable<IPCidr> addresses, CancellationToken cancellationToken)
        => PluginTelemetry.TraceRulesAsync(
            SetUpOperation,
            () => backend == IpMasqueradeBackend.Nftables ? _nftables.SetUpAsync(addresses, cancellationToken) : _iptables.SetUpAsync(addresses, cancellationToken),
            [PluginTelemetry.Tag(PluginTags.Backend, backend == IpMasqueradeBackend.Nftables ? "nftables" : "iptables"), .. AttachmentTags()]);

    /// <summary>
    /// Removes the container's rules of both backends, side by side (each runs its own tools); a
    /// backend whose tool the node lacks has nothing to remove, and nothing to remove is no error.
    /// Another run removing the same rules at the same time (a retried DEL, a GC) is no error either.
    /// </summary>
    /// <param name="cancellationToken">Cancels the tools' runs.</param>
    /// <returns>A task that completes when the rules are gone.</returns>
    /// <exception cref="CniException">A tool failed.</exception>
    public Task TearDownAsync(CancellationToken cancellationToken)
        => PluginTelemetry.TraceRulesAsync(
            TearDownOperation,
            () => Task.WhenAll(_iptables.TearDownAsync(cancellationToken), _nftables.TearDownAsync(cancellationToken)),
            AttachmentTags());

    /// <summary>GC (spec 1.1.0): removes the network's rules, in both backends, that belong to no valid attachment.</summary>
    /// <param name="network">The network's name.</param>
    /// <param name="validAttachments">The attachments whose rules stay (<see cref="Cni.Ipam.IpamAttachments.FromOrEmpty{TConfig}"/>).</param>
    /// <param name="cancellationToken">Cancels the tools' runs.</param>
    /// <returns>A task that completes when the stale rules are gone.</returns>
    /// <exception cref="CniException">A tool failed.</exception>
    public static Task CollectGarbageAsync(string network, IReadOnlyList<CniAttachment> validAttachments, CancellationToken cancellationToken)
        => CollectGarbageAsync(network, validAttachments, NullLogger.Instance, cancellationToken);

    /// <summary>GC (spec 1.1.0): removes the network's rules, in both backends, that belong to no valid attachment.</summary>
    /// <param name="network">The network's name.</param>
    /// <param name="validAttachments">The attachments whose rules stay (<see cref="Cni.Ipam.IpamAttachments.FromOrEmpty{TConfig}"/>).</param>
    /// <param name="logger">Where the rules deleted are logged (Debug).</param>
    /// <param name="cancellationToken">Cancels the tools' runs.</param>
    /// <returns>A task that completes when the stale rules are gone.</returns>
    /// <exception cref="CniException">A tool failed.</exception>
    public static Task CollectGarbageAsync(string network, IReadOnlyList<CniAttachment> validAttachments, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validAttachments);
        ArgumentNullException.ThrowIfNull(logger);
        return PluginTelemetry.TraceRulesAsync(
            CollectGarbageOperation,
            () => Task.WhenAll(
                IptablesMasquerade.CollectGarbageAsync(network, validAttachments.Select(a => a.ContainerId), logger, cancellationToken),
                NftablesMasquerade.CollectGarbageAsync(network, validAttachments, logger, cancellationToken)),
            PluginTelemetry.Tag(PluginTags.NetworkName, network));
    }

    private KeyValuePair<string, object?>[] AttachmentTags()
        => [PluginTelemetry.Tag(PluginTags.NetworkName, network), PluginTelemetry.Tag(PluginTags.ContainerId, containerId), PluginTelemetry.Tag(PluginTags.IfName, ifName)];
}
