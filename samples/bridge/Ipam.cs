using Cni;
using Microsoft.Extensions.DependencyInjection;

namespace Bridge;

/// <summary>
/// Addresses from the IPAM plugin <c>ipam.type</c> names, as the spec says: it is run with this
/// plugin's environment and the same configuration on stdin. Its errors reach the runtime as
/// they are, with their codes.
/// </summary>
internal static class Ipam
{
    /// <summary>Allocates; the allocation is released again if the ADD fails later.</summary>
    public static async Task<CniResult> AddAsync(CniRequest<BridgeConfig> request, Rollback rollback, CancellationToken cancellationToken)
    {
        var invoker = request.Services.GetRequiredService<ICniPluginInvoker>();
        var type = request.Config.Ipam!.Type;
        var result = await invoker.DelegateAddAsync(type, request.ConfigJson, cancellationToken).ConfigureAwait(false);
        rollback.Add("release the IPAM allocation", () => invoker.DelegateDelAsync(type, request.ConfigJson, CancellationToken.None));
        return result.IPs.Count > 0 ? result : throw new CniException("IPAM plugin returned missing IP config");
    }

    /// <summary>Releases; releasing what is not allocated is no error (IPAM DEL is idempotent).</summary>
    public static Task DelAsync(CniRequest<BridgeConfig> request, CancellationToken cancellationToken)
        => request.Services.GetRequiredService<ICniPluginInvoker>().DelegateDelAsync(request.Config.Ipam!.Type, request.ConfigJson, cancellationToken);

    /// <summary>Asks IPAM whether the allocation still holds (even with no ipam.type, as the reference: that fails).</summary>
    public static Task CheckAsync(CniRequest<BridgeConfig> request, CancellationToken cancellationToken)
        => request.Services.GetRequiredService<ICniPluginInvoker>().DelegateCheckAsync(request.Config.Ipam?.Type ?? "", request.ConfigJson, cancellationToken);
}
