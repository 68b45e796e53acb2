using Cni.Ipam;
using Microsoft.Extensions.DependencyInjection;

namespace Cni.Plugins;

/// <summary>Registers what <see cref="PluginIpam"/> uses.</summary>
public static class PluginIpamServiceCollectionExtensions
{
    /// <summary>
    /// Registers host-local's allocator over its files on disk (for <c>"ipam": {"type": "host-local"}</c>,
    /// run in this process) and the plugin invoker (for every other IPAM type, run as a plugin).
    /// </summary>
    /// <param name="services">The plugin's services (<see cref="CniPluginBuilder{TConfig}.Services"/>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddPluginIpam(this IServiceCollection services)
        => services.AddCniPluginInvoker().AddHostLocalIpam();
}
