namespace Cni.Netlink;

/// <summary>
/// One notification read by <see cref="NetlinkMonitor.ReadEventsAsync"/>: a <see cref="NetlinkEvent{T}"/>
/// for a link (<see cref="LinkInfo"/>), an address (<see cref="InterfaceAddress"/>), a <see cref="Route"/>,
/// a <see cref="Neighbor"/>, a <see cref="Rule"/> or an <see cref="FdbEntry"/>, or
/// <see cref="NetlinkEventsLost"/> when the kernel dropped notifications. Match on the type:
/// <c>case NetlinkEvent&lt;Route&gt; { Change: NetlinkChange.Deleted } e:</c>.
/// </summary>
public abstract class NetlinkEvent
{
    private protected NetlinkEvent()
    {
    }
}
