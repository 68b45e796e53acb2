namespace Cni.Ipam.Internal.Etcd;

/// <summary>A key and its value as etcd's JSON gateway returns them (bytes travel as base64).</summary>
internal sealed class EtcdKeyValue
{
    public byte[] Key { get; set; } = [];

    public byte[]? Value { get; set; }

    public long CreateRevision { get; set; }

    public long ModRevision { get; set; }

    public long Version { get; set; }
}
