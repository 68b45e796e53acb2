namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>What happened to a watched key; the numbers are mvccpb's <c>Event.EventType</c>.</summary>
internal enum EtcdWatchEventType
{
    /// <summary>The key was created or changed.</summary>
    Put = 0,

    /// <summary>The key was deleted, by a delete or because its lease ended.</summary>
    Delete = 1,
}
