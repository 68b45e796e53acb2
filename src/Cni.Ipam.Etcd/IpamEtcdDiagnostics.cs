namespace Cni.Ipam.Etcd;

/// <summary>
/// The names under which Cni.Ipam.Etcd reports traces and metrics through <see cref="System.Diagnostics"/>: each
/// call to etcd (transactions, reads, lease operations, opening a watch) is a client span, and retries are
/// counted by reason. The allocator's own spans are under <see cref="IpamDiagnostics"/>' names. Nothing is built
/// while nothing listens. docs/observability.md lists the spans, instruments, attributes and log messages.
/// </summary>
public static class IpamEtcdDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the etcd client: one span per call (<c>etcdserverpb.KV/Txn</c>, ...), across its retries.</summary>
    public const string ActivitySourceName = "Cni.Ipam.Etcd";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the etcd client: how long calls take, and retries by reason.</summary>
    public const string MeterName = "Cni.Ipam.Etcd";
}
