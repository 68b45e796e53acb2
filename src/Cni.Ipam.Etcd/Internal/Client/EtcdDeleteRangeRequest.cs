namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>A delete inside a transaction: one key, or a range up to <see cref="RangeEnd"/>.</summary>
internal sealed class EtcdDeleteRangeRequest
{
    public byte[] Key { get; set; } = [];

    public byte[]? RangeEnd { get; set; }
}
