namespace Cni.Netlink;

/// <summary>
/// The kernel dropped notifications because the monitor's receive buffer was full (ENOBUFS): what
/// was learnt from earlier events may be stale, so read the state again (a dump) and go on reading
/// the stream, which stays subscribed. The notifications still queued when the loss was seen are
/// discarded before this event (the re-read supersedes them), because the kernel delivers nothing
/// more until the queue is empty; every change made after this event is seen. A larger buffer
/// (<see cref="NetlinkMonitor.SetReceiveBufferSize"/>) makes losses rarer.
/// </summary>
public sealed class NetlinkEventsLost : NetlinkEvent
{
    internal NetlinkEventsLost()
    {
    }

    /// <summary>Describes the event, for logs.</summary>
    /// <returns>A fixed text.</returns>
    public override string ToString() => "events lost (ENOBUFS)";
}
