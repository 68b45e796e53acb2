namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>One change to a watched key (mvccpb.Event): for a delete, <see cref="Kv"/> holds the key and the deleting revision.</summary>
internal sealed class EtcdWatchEvent
{
    public EtcdWatchEventType Type { get; set; }

    public EtcdKeyValue Kv { get; set; } = new();
}
