namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>A put inside a transaction.</summary>
internal sealed class EtcdPutRequest
{
    public byte[] Key { get; set; } = [];

    public byte[] Value { get; set; } = [];
}
