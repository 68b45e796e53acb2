namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>The result of one operation of the branch a transaction took.</summary>
internal sealed class EtcdResponseOp
{
    public EtcdRangeResponse? ResponseRange { get; set; }

    public EtcdDeleteRangeResponse? ResponseDeleteRange { get; set; }
}
