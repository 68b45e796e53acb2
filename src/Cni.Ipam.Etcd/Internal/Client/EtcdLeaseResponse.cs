namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// The answer to <c>Lease/LeaseGrant</c> and <c>Lease/LeaseKeepAlive</c>: the lease and the seconds it has
/// left. A keep-alive answered with <see cref="Ttl"/> 0 found no such lease (it expired or was revoked).
/// </summary>
internal sealed class EtcdLeaseResponse
{
    public EtcdResponseHeader? Header { get; set; }

    public long Id { get; set; }

    public long Ttl { get; set; }

    /// <summary>etcd's reason when a grant failed without a gRPC error.</summary>
    public string? Error { get; set; }
}
