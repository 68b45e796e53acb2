namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>A put inside a transaction.</summary>
internal sealed class EtcdPutRequest
{
    public byte[] Key { get; set; } = [];

    public byte[] Value { get; set; } = [];

    /// <summary>The lease the key is attached to (it is deleted when the lease ends); 0 for none.</summary>
    public long Lease { get; set; }
}
