namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>One operation of a transaction branch: exactly one member is set.</summary>
internal sealed class EtcdRequestOp
{
    public EtcdRangeRequest? RequestRange { get; set; }

    public EtcdPutRequest? RequestPut { get; set; }

    public EtcdDeleteRangeRequest? RequestDeleteRange { get; set; }

    public static EtcdRequestOp Get(byte[] key) => new() { RequestRange = new EtcdRangeRequest { Key = key } };

    public static EtcdRequestOp GetPrefix(byte[] prefix) => new() { RequestRange = new EtcdRangeRequest { Key = prefix, RangeEnd = EtcdKeys.PrefixEnd(prefix) } };

    public static EtcdRequestOp Put(byte[] key, byte[] value, long lease = 0) => new() { RequestPut = new EtcdPutRequest { Key = key, Value = value, Lease = lease } };

    public static EtcdRequestOp Delete(byte[] key) => new() { RequestDeleteRange = new EtcdDeleteRangeRequest { Key = key } };
}
