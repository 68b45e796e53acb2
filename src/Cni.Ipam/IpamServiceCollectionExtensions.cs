using Cni.Ipam;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the IPAM allocator and a store in a plugin's services.</summary>
public static class IpamServiceCollectionExtensions
{
    /// <summary>host-local in one call: <see cref="IpamAllocator"/> over the <see cref="IpamFileStore"/> (host-local's on-disk layout).</summary>
    /// <param name="services">The plugin's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddHostLocalIpam(this IServiceCollection services)
        => services.AddIpamFileStore().AddIpamAllocator();

    /// <summary>Registers <see cref="IpamAllocator"/> (a singleton over whichever <see cref="IIpamStore"/> is registered).</summary>
    /// <param name="services">The plugin's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddIpamAllocator(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IpamAllocator>();
        return services;
    }

    /// <summary>Registers <see cref="IpamFileStore"/> as the <see cref="IIpamStore"/> (unless a store is registered already).</summary>
    /// <param name="services">The plugin's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddIpamFileStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IIpamStore, IpamFileStore>();
        return services;
    }

    /// <summary>Registers an <see cref="IpamMemoryStore"/> as the <see cref="IIpamStore"/> (unless a store is registered already).</summary>
    /// <param name="services">The plugin's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddIpamMemoryStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IIpamStore, IpamMemoryStore>();
        return services;
    }
}
