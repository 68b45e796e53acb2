namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>Which branch a transaction took and the results of its operations, in order.</summary>
internal sealed class EtcdTxnResponse
{
    public EtcdResponseHeader? Header { get; set; }

    public bool Succeeded { get; set; }

    public List<EtcdResponseOp>? Responses { get; set; }
}
