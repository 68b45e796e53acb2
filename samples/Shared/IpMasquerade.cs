namespace Cni.Samples;

/// <summary>
/// ipMasq: traffic from a container to anywhere outside its subnet leaves the node with the
/// node's address. Two backends, chosen by <c>ipMasqBackend</c> as in the reference 1.5+:
/// <c>iptables</c> (the default, the only one of 1.1.1) and <c>nftables</c>. Teardown and GC
/// clean up after both, since the container may have been added with another configuration or
/// another version of the plugin; neither needs the container's addresses.
/// </summary>
internal sealed class IpMasquerade(string network, string ifName, string containerId)
{
    public const string Iptables = "iptables";
    public const string Nftables = "nftables";

    private readonly IptablesMasquerade _iptables = new(network, containerId);
    private readonly NftablesMasquerade _nftables = new(network, ifName, containerId);

    /// <summary>
    /// The backend a configuration names: none means iptables, an unknown one is refused (code
    /// 7) before ADD touches anything, where the reference only fails when it gets to masquerade.
    /// </summary>
    public static string Backend(string? configured) => configured switch
    {
        null or "" or Iptables => Iptables,
        Nftables => Nftables,
        _ => throw new CniException(CniErrorCode.InvalidNetworkConfig, $"unknown ipmasq backend \"{configured}\"", "use \"iptables\" or \"nftables\""),
    };

    /// <summary>Masquerades what each address (with its prefix) sends outside its own subnet, with the backend given.</summary>
    public Task SetUpAsync(string backend, IEnumerable<IPCidr> addresses, CancellationToken cancellationToken)
        => backend == Nftables ? _nftables.SetUpAsync(addresses, cancellationToken) : _iptables.SetUpAsync(addresses, cancellationToken);

    /// <summary>
    /// Removes the container's rules of both backends, side by side (each runs its own tools); a
    /// backend whose tool the node lacks has nothing to remove, and nothing to remove is no error.
    /// </summary>
    public Task TearDownAsync(CancellationToken cancellationToken)
        => Task.WhenAll(_iptables.TearDownAsync(cancellationToken), _nftables.TearDownAsync(cancellationToken));

    /// <summary>GC (spec 1.1.0): removes the network's rules, in both backends, that belong to no valid attachment.</summary>
    public static Task CollectGarbageAsync(string network, IReadOnlyList<CniAttachment> validAttachments, CancellationToken cancellationToken)
        => Task.WhenAll(
            IptablesMasquerade.CollectGarbageAsync(network, validAttachments.Select(a => a.ContainerId), cancellationToken),
            NftablesMasquerade.CollectGarbageAsync(network, validAttachments, cancellationToken));
}
