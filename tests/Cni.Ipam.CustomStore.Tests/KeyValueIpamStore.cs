namespace Cni.Ipam.CustomStore.Tests;

/// <summary>The store: one session per operation over a shared <see cref="KeyValueServer"/>.</summary>
internal sealed class KeyValueIpamStore(KeyValueServer server) : IIpamStore
{
    public ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ValueTask.FromResult<IIpamStoreSession>(new KeyValueIpamSession(server, configuration));
    }
}
