using Cni.Ipam;
using Microsoft.Extensions.DependencyInjection;

namespace Cni.Plugins;

/// <summary>
/// Addresses for the container. When <c>ipam.type</c> is <c>host-local</c> they are allocated
/// in this process by Cni.Ipam, with the same files on disk as the host-local binary (so both
/// can share a node) and no second process. Any other type is delegated as the spec says: the
/// plugin <c>ipam.type</c> names runs with this plugin's environment and the same configuration,
/// and its errors reach the runtime as they are, with their codes. Register what it uses with
/// <see cref="PluginIpamServiceCollectionExtensions.AddPluginIpam"/>.
/// </summary>
public static class PluginIpam
{
    private const string HostLocal = "host-local";

    /// <summary>Allocates; the allocation is released again if the ADD fails later.</summary>
    /// <typeparam name="TConfig">The plugin's configuration type.</typeparam>
    /// <param name="request">The ADD request; its configuration's <c>ipam</c> section says what to run.</param>
    /// <param name="rollback">Where the release is recorded.</param>
    /// <param name="cancellationToken">Cancels the allocation.</param>
    /// <returns>IPAM's result, with at least one address.</returns>
    /// <exception cref="CniException">IPAM failed (with its code), or gave no address.</exception>
    public static async Task<CniResult> AddAsync<TConfig>(CniRequest<TConfig> request, Rollback rollback, CancellationToken cancellationToken)
        where TConfig : NetworkConfig
    {
        CniResult result;
        if (IsHostLocal(request))
        {
            var configuration = IpamConfiguration.Load(request);
            var allocator = request.Services.GetRequiredService<IpamAllocator>();
            result = await allocator.AddAsync(configuration, request.ContainerId, request.IfName, cancellationToken).ConfigureAwait(false);
            rollback.Add("release the addresses", () => allocator.DeleteAsync(configuration, request.ContainerId, request.IfName, CancellationToken.None));
        }
        else
        {
            var invoker = request.Services.GetRequiredService<ICniPluginInvoker>();
            var type = request.Config.Ipam!.Type;
            result = await invoker.DelegateAddAsync(type, request.ConfigJson, cancellationToken).ConfigureAwait(false);
            rollback.Add("release the IPAM allocation", () => invoker.DelegateDelAsync(type, request.ConfigJson, CancellationToken.None));
        }

        return result.IPs.Count > 0 ? result : throw new CniException("IPAM plugin returned missing IP config");
    }

    /// <summary>Releases; releasing what is not allocated is no error (IPAM DEL is idempotent).</summary>
    /// <typeparam name="TConfig">The plugin's configuration type.</typeparam>
    /// <param name="request">The DEL request.</param>
    /// <param name="cancellationToken">Cancels the release.</param>
    /// <returns>A task that completes when the allocation is released.</returns>
    /// <exception cref="CniException">IPAM failed.</exception>
    public static async Task DelAsync<TConfig>(CniRequest<TConfig> request, CancellationToken cancellationToken)
        where TConfig : NetworkConfig
    {
        if (IsHostLocal(request))
        {
            await request.Services.GetRequiredService<IpamAllocator>()
                .DeleteAsync(IpamConfiguration.Load(request), request.ContainerId, request.IfName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await request.Services.GetRequiredService<ICniPluginInvoker>()
                .DelegateDelAsync(request.Config.Ipam!.Type, request.ConfigJson, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks IPAM whether the allocation still holds (even with no ipam.type, as the reference: that fails).</summary>
    /// <typeparam name="TConfig">The plugin's configuration type.</typeparam>
    /// <param name="request">The CHECK request.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when IPAM has answered.</returns>
    /// <exception cref="CniException">The allocation is gone, or IPAM failed.</exception>
    public static Task CheckAsync<TConfig>(CniRequest<TConfig> request, CancellationToken cancellationToken)
        where TConfig : NetworkConfig
        => IsHostLocal(request)
            ? request.Services.GetRequiredService<IpamAllocator>().CheckAsync(IpamConfiguration.Load(request), request.ContainerId, request.IfName, cancellationToken)
            : request.Services.GetRequiredService<ICniPluginInvoker>().DelegateCheckAsync(request.Config.Ipam?.Type ?? "", request.ConfigJson, cancellationToken);

    /// <summary>GC (spec 1.1.0): releases every allocation of the network that belongs to no valid attachment.</summary>
    /// <typeparam name="TConfig">The plugin's configuration type.</typeparam>
    /// <param name="request">The GC request (its valid attachments are in the configuration).</param>
    /// <param name="cancellationToken">Cancels the collection.</param>
    /// <returns>A task that completes when the stale allocations are released.</returns>
    /// <exception cref="CniException">IPAM failed.</exception>
    public static Task CollectGarbageAsync<TConfig>(CniRequest<TConfig> request, CancellationToken cancellationToken)
        where TConfig : NetworkConfig
        => IsHostLocal(request)
            ? request.Services.GetRequiredService<IpamAllocator>().CollectGarbageAsync(IpamConfiguration.Load(request), IpamAttachments.FromOrEmpty(request), cancellationToken)
            : request.Services.GetRequiredService<ICniPluginInvoker>().DelegateGcAsync(request.Config.Ipam!.Type, request.ConfigJson, cancellationToken);

    /// <summary>STATUS (spec 1.1.0): whether IPAM could serve an ADD now.</summary>
    /// <typeparam name="TConfig">The plugin's configuration type.</typeparam>
    /// <param name="request">The STATUS request.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when IPAM is available.</returns>
    /// <exception cref="CniException">IPAM is not available (code 50 or 51), or failed.</exception>
    public static Task CheckStatusAsync<TConfig>(CniRequest<TConfig> request, CancellationToken cancellationToken)
        where TConfig : NetworkConfig
        => IsHostLocal(request)
            ? request.Services.GetRequiredService<IpamAllocator>().CheckStatusAsync(IpamConfiguration.Load(request), cancellationToken)
            : request.Services.GetRequiredService<ICniPluginInvoker>().DelegateStatusAsync(request.Config.Ipam!.Type, request.ConfigJson, cancellationToken);

    private static bool IsHostLocal<TConfig>(CniRequest<TConfig> request)
        where TConfig : NetworkConfig
        => request.Config.Ipam?.Type == HostLocal;
}
