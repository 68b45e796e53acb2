namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// <c>KV/Txn</c>: if every <see cref="Compare"/> holds, etcd applies <see cref="Success"/>, else
/// <see cref="Failure"/>, atomically at one revision.
/// </summary>
internal sealed class EtcdTxnRequest
{
    public List<EtcdCompare> Compare { get; set; } = [];

    public List<EtcdRequestOp> Success { get; set; } = [];

    public List<EtcdRequestOp> Failure { get; set; } = [];
}
