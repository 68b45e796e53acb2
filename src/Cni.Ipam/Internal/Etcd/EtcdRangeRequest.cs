namespace Cni.Ipam.Internal.Etcd;

/// <summary><c>KV/Range</c>: one key, or every key from <see cref="Key"/> up to <see cref="RangeEnd"/>.</summary>
internal sealed class EtcdRangeRequest
{
    public byte[] Key { get; set; } = [];

    public byte[]? RangeEnd { get; set; }

    public long? Limit { get; set; }

    public bool? KeysOnly { get; set; }

    /// <summary>Answered by the member asked, without a round of consensus: for hints that may be slightly stale.</summary>
    public bool? Serializable { get; set; }
}
