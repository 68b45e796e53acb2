namespace Cni.Ipam.Internal.Etcd;

/// <summary>How many keys a delete removed.</summary>
internal sealed class EtcdDeleteRangeResponse
{
    public long Deleted { get; set; }
}
