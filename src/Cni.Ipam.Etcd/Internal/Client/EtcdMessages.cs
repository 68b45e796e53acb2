using Cni.Ipam.Etcd.Internal.Protocol;
using Google.Protobuf;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>The parts of etcd transactions the store writes, built over the generated messages.</summary>
internal static class EtcdMessages
{
    /// <summary>The key does not exist (its create revision is 0).</summary>
    public static Compare Absent(byte[] key)
        => new() { Target = Compare.Types.CompareTarget.Create, Key = Wrap(key), CreateRevision = 0 };

    /// <summary>The key holds exactly <paramref name="value"/>.</summary>
    public static Compare ValueEquals(byte[] key, byte[] value)
        => new() { Target = Compare.Types.CompareTarget.Value, Key = Wrap(key), Value = Wrap(value) };

    public static RequestOp Get(byte[] key) => new() { RequestRange = new RangeRequest { Key = Wrap(key) } };

    public static RequestOp GetPrefix(byte[] prefix) => new() { RequestRange = Prefix(prefix) };

    public static RequestOp Put(byte[] key, byte[] value) => new() { RequestPut = new PutRequest { Key = Wrap(key), Value = Wrap(value) } };

    public static RequestOp Delete(byte[] key) => new() { RequestDeleteRange = new DeleteRangeRequest { Key = Wrap(key) } };

    /// <summary>Every key that starts with <paramref name="prefix"/>.</summary>
    public static RangeRequest Prefix(byte[] prefix) => new() { Key = Wrap(prefix), RangeEnd = Wrap(EtcdKeys.PrefixEnd(prefix)) };

    /// <remarks>The store never changes a key's bytes after handing them over, so they are not copied.</remarks>
    public static ByteString Wrap(byte[] bytes) => UnsafeByteOperations.UnsafeWrap(bytes);
}
