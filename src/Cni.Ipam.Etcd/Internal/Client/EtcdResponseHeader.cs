namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>The header of every etcd response: the store's revision when it answered.</summary>
internal sealed class EtcdResponseHeader
{
    public long Revision { get; set; }
}
