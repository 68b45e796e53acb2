using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cni;

/// <summary>Registers plugin invocation in a service collection.</summary>
public static class CniInvokerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CniPluginInvoker"/> as the singleton <see cref="ICniPluginInvoker"/>, with
    /// its options, unless an <see cref="ICniPluginInvoker"/> is already registered (so a test or a
    /// plugin can put its own in first).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, for example the timeout; optional.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCniPluginInvoker(this IServiceCollection services, Action<CniPluginInvokerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CniPluginInvokerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<ICniPluginInvoker>(provider => new CniPluginInvoker(provider.GetRequiredService<CniPluginInvokerOptions>()));
        return services;
    }
}
