using Cni.Ipam.Internal.FileStore;

namespace Cni.Ipam;

/// <summary>
/// host-local's on-disk store, byte for byte: <c>&lt;dataDir&gt;/&lt;network&gt;/&lt;address&gt;</c> files holding
/// <c>containerID\r\nifname</c>, created exclusively; <c>last_reserved_ip.&lt;set&gt;</c> cursors; an flock on
/// <c>lock</c> around every operation. The reference <c>host-local</c> can use the same directory at the same
/// time. Unlike the reference, new files and removals are made durable (fsync of file and directory), and owner
/// lookups use an index instead of reading every file (see docs/ipam.md, "File store").
/// </summary>
public sealed class IpamFileStore : IIpamStore
{
    /// <summary>
    /// Opens the network directory (created if absent) and takes its lock, waiting for other holders (the
    /// reference plugin included). The wait is not cancellable: holders keep the lock for milliseconds.
    /// </summary>
    /// <inheritdoc/>
    public ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IIpamStoreSession>(FileStoreSession.Open(configuration.DataDir, configuration.NetworkName));
    }
}
