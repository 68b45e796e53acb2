namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>The answer to a range: the keys found (etcd leaves <c>kvs</c> out when there are none).</summary>
internal sealed class EtcdRangeResponse
{
    public EtcdResponseHeader? Header { get; set; }

    public List<EtcdKeyValue>? Kvs { get; set; }

    public bool More { get; set; }

    public long Count { get; set; }
}
