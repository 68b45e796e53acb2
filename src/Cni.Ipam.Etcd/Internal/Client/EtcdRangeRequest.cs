namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary><c>KV/Range</c>: one key, or every key from <see cref="Key"/> up to <see cref="RangeEnd"/>.</summary>
internal sealed class EtcdRangeRequest
{
    public byte[] Key { get; set; } = [];

    public byte[]? RangeEnd { get; set; }

    public long? Limit { get; set; }

    public bool KeysOnly { get; set; }
}
