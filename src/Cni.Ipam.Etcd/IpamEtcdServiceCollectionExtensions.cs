using Cni.Ipam;
using Cni.Ipam.Etcd;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the etcd store, for address management shared by every node of a cluster.</summary>
public static class IpamEtcdServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IpamAllocator"/> over the <see cref="IpamEtcdStore"/>: host-local's allocation rules with
    /// the allocations in etcd, reached as each configuration's <c>ipam.etcd</c> section says.
    /// </summary>
    /// <param name="services">The plugin's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddEtcdIpam(this IServiceCollection services)
        => services.AddIpamEtcdStore().AddIpamAllocator();

    /// <summary>
    /// Registers an <see cref="IpamEtcdStore"/> as the <see cref="IIpamStore"/> (unless a store is registered
    /// already): with <paramref name="options"/> when given, else from each configuration's <c>ipam.etcd</c> section;
    /// it logs to the <see cref="ILogger{TCategoryName}"/> the services have, if any.
    /// </summary>
    /// <param name="services">The plugin's services.</param>
    /// <param name="options">Fixed connection settings, or <see langword="null"/> to read them from the configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddIpamEtcdStore(this IServiceCollection services, EtcdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IIpamStore>(provider => new IpamEtcdStore(options, provider.GetService<ILogger<IpamEtcdStore>>() ?? NullLogger<IpamEtcdStore>.Instance));
        return services;
    }
}
