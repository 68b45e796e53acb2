namespace Cni.Ipam.Internal.Etcd;

/// <summary>
/// One condition of a transaction, for example "the key's create revision is 0" (the key does not
/// exist). <see cref="Target"/> names which of the value members is compared.
/// </summary>
internal sealed class EtcdCompare
{
    public string Result { get; set; } = EqualResult;

    public string Target { get; set; } = CreateTarget;

    public byte[] Key { get; set; } = [];

    public long? CreateRevision { get; set; }

    public long? ModRevision { get; set; }

    public byte[]? Value { get; set; }

    public const string EqualResult = "EQUAL";

    public const string CreateTarget = "CREATE";

    public const string ModTarget = "MOD";

    public const string ValueTarget = "VALUE";

    /// <summary>True when <paramref name="key"/> does not exist.</summary>
    public static EtcdCompare Absent(byte[] key) => new() { Target = CreateTarget, Key = key, CreateRevision = 0 };

    /// <summary>True when <paramref name="key"/> holds exactly <paramref name="value"/>.</summary>
    public static EtcdCompare ValueEquals(byte[] key, byte[] value) => new() { Target = ValueTarget, Key = key, Value = value };
}
