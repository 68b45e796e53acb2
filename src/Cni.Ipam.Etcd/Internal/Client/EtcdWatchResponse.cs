namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// One message of a <c>Watch/Watch</c> stream: the answer to the create request (<see cref="Created"/>),
/// a batch of events in revision order, or the end of the watch (<see cref="Canceled"/>, with
/// <see cref="CompactRevision"/> set when the start revision was compacted away).
/// </summary>
internal sealed class EtcdWatchResponse
{
    public EtcdResponseHeader? Header { get; set; }

    public long WatchId { get; set; }

    public bool Created { get; set; }

    public bool Canceled { get; set; }

    public long CompactRevision { get; set; }

    public string? CancelReason { get; set; }

    public List<EtcdWatchEvent>? Events { get; set; }
}
