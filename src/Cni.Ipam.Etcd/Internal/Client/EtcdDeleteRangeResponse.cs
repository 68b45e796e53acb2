namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>How many keys a delete removed.</summary>
internal sealed class EtcdDeleteRangeResponse
{
    public long Deleted { get; set; }
}
