namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>A key and its value as etcd returns them (mvccpb.KeyValue).</summary>
internal sealed class EtcdKeyValue
{
    public byte[] Key { get; set; } = [];

    public byte[]? Value { get; set; }

    public long CreateRevision { get; set; }

    public long ModRevision { get; set; }

    public long Version { get; set; }

    /// <summary>The lease the key is attached to; 0 for none.</summary>
    public long Lease { get; set; }
}
