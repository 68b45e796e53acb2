namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// One condition of a transaction, always an equality: the key's <see cref="Target"/> member equals
/// <see cref="CreateRevision"/> or <see cref="Value"/>.
/// </summary>
internal sealed class EtcdCompare
{
    private EtcdCompare(EtcdCompareTarget target, byte[] key, long createRevision, byte[] value)
    {
        Target = target;
        Key = key;
        CreateRevision = createRevision;
        Value = value;
    }

    public EtcdCompareTarget Target { get; }

    public byte[] Key { get; }

    /// <summary>Compared when <see cref="Target"/> is <see cref="EtcdCompareTarget.Create"/>.</summary>
    public long CreateRevision { get; }

    /// <summary>Compared when <see cref="Target"/> is <see cref="EtcdCompareTarget.Value"/>.</summary>
    public byte[] Value { get; }

    /// <summary>True when <paramref name="key"/> does not exist.</summary>
    public static EtcdCompare Absent(byte[] key) => new(EtcdCompareTarget.Create, key, 0, []);

    /// <summary>True when <paramref name="key"/> holds exactly <paramref name="value"/>.</summary>
    public static EtcdCompare ValueEquals(byte[] key, byte[] value) => new(EtcdCompareTarget.Value, key, 0, value);
}
