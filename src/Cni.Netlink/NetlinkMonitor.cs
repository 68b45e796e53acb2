using System.Runtime.InteropServices;
using Cni.Interop;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Diagnostics;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Netlink;

/// <summary>
/// Listens to rtnetlink notifications, so a plugin can wait for a link to come up or an IPv6
/// address to finish duplicate address detection, and an agent for a route, a neighbour, a rule or
/// a forwarding database entry to be added or deleted, without polling: with a blocking wait
/// (<see cref="WaitForLink"/>, ...) or as an asynchronous stream of every change
/// (<see cref="ReadEventsAsync"/>).
/// </summary>
/// <remarks>
/// Subscribe first, then read the current state, then wait: a change between the two is then
/// seen as an event. If the kernel drops events because they were not read fast enough, a wait
/// throws <see cref="NetlinkException"/> with ENOBUFS and the stream yields
/// <see cref="NetlinkEventsLost"/>; either first discards the notifications still queued (the
/// kernel would deliver nothing new until they were read), so read the state again, then wait
/// again. The waits and the stream read the same notifications, so one reader at a time: waits
/// are serialized by a lock and may come from any thread, and a wait while a stream is being read
/// (or a second stream) throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed partial class NetlinkMonitor : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly Lock _lock = new();
    private readonly byte[] _receive = GC.AllocateArray<byte>(64 * 1024, pinned: true);

    private NetlinkMonitor(SafeFileHandle handle) => _handle = handle;

    /// <summary>Subscribes to groups in the namespace of the calling thread.</summary>
    /// <param name="groups">The notifications to receive.</param>
    /// <returns>The monitor; dispose it to unsubscribe.</returns>
    /// <exception cref="NetlinkException">A system call failed.</exception>
    public static unsafe NetlinkMonitor Open(NetlinkGroups groups)
    {
        var fd = Libc.Socket(LibcConstants.AfNetlink, LibcConstants.SockRaw | LibcConstants.SockCloexec, LibcConstants.NetlinkRoute);
        if (fd < 0)
        {
            ThrowHelper.ThrowSystemCall("open netlink monitor", Marshal.GetLastPInvokeError());
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var address = new sockaddr_nl { nl_family = LibcConstants.AfNetlink, nl_groups = (uint)groups };
        if (Libc.Bind(handle, &address, sizeof(sockaddr_nl)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            ThrowHelper.ThrowSystemCall("subscribe to netlink groups", errno);
        }

        return new NetlinkMonitor(handle);
    }

    /// <summary>Subscribes to groups inside another network namespace (the socket is made on a dedicated thread there).</summary>
    /// <param name="networkNamespace">The namespace to watch.</param>
    /// <param name="groups">The notifications to receive.</param>
    /// <returns>The monitor; dispose it to unsubscribe.</returns>
    /// <exception cref="NetlinkException">Entering the namespace or a system call failed.</exception>
    public static NetlinkMonitor Open(NetworkNamespace networkNamespace, NetlinkGroups groups)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        return networkNamespace.Run(() => Open(groups));
    }

    /// <summary>Waits for a link notification (RTM_NEWLINK) that <paramref name="predicate"/> accepts.</summary>
    /// <param name="predicate">Tests each link notification, for example
    /// <c>l =&gt; l.Index == index &amp;&amp; l.OperationalState == OperationalState.Up</c>.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForLink(Func<LinkMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.NewLink, predicate, timeout, "wait for link");

    /// <summary>Waits for an address notification (RTM_NEWADDR) that <paramref name="predicate"/> accepts.</summary>
    /// <param name="predicate">Tests each new or changed address, for example one that is no longer <see cref="AddressFlags.Tentative"/>.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForAddress(Func<AddressMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.NewAddr, predicate, timeout, "wait for address");

    /// <summary>Waits for a route notification (RTM_NEWROUTE: added or replaced) that <paramref name="predicate"/> accepts; subscribe to <see cref="NetlinkGroups.IPv4Route"/> or <see cref="NetlinkGroups.IPv6Route"/>.</summary>
    /// <param name="predicate">Tests each added or replaced route, of every table.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForRoute(Func<RouteMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.NewRoute, predicate, timeout, "wait for route");

    /// <summary>
    /// Waits for a route deletion (RTM_DELROUTE) that <paramref name="predicate"/> accepts: a node
    /// agent learns that its routes went (someone deleted them, or their link went down) and syncs again.
    /// </summary>
    /// <param name="predicate">Tests each deleted route, of every table.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForRouteDeletion(Func<RouteMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.DelRoute, predicate, timeout, "wait for route deletion");

    /// <summary>Waits for a neighbour notification (RTM_NEWNEIGH of an IPv4 or IPv6 entry: added or changed) that <paramref name="predicate"/> accepts; subscribe to <see cref="NetlinkGroups.Neighbor"/>.</summary>
    /// <param name="predicate">Tests each added or changed ARP or NDP entry.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForNeighbor(Func<NeighborMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.NewNeigh, predicate, timeout, "wait for neighbour", bridgeEntries: false);

    /// <summary>Waits for a neighbour deletion (RTM_DELNEIGH of an IPv4 or IPv6 entry) that <paramref name="predicate"/> accepts.</summary>
    /// <param name="predicate">Tests each deleted ARP or NDP entry.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForNeighborDeletion(Func<NeighborMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.DelNeigh, predicate, timeout, "wait for neighbour deletion", bridgeEntries: false);

    /// <summary>Waits for a forwarding database notification (RTM_NEWNEIGH on AF_BRIDGE: added or changed) that <paramref name="predicate"/> accepts; subscribe to <see cref="NetlinkGroups.Neighbor"/>.</summary>
    /// <param name="predicate">Tests each added or changed bridge or VXLAN entry.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForFdbEntry(Func<FdbMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.NewNeigh, predicate, timeout, "wait for fdb entry", bridgeEntries: true);

    /// <summary>Waits for a forwarding database deletion (RTM_DELNEIGH on AF_BRIDGE) that <paramref name="predicate"/> accepts.</summary>
    /// <param name="predicate">Tests each deleted bridge or VXLAN entry.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForFdbEntryDeletion(Func<FdbMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.DelNeigh, predicate, timeout, "wait for fdb entry deletion", bridgeEntries: true);

    /// <summary>Waits for a rule notification (RTM_NEWRULE: added) that <paramref name="predicate"/> accepts; subscribe to <see cref="NetlinkGroups.IPv4Rule"/> or <see cref="NetlinkGroups.IPv6Rule"/>.</summary>
    /// <param name="predicate">Tests each added rule.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForRule(Func<RuleMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.NewRule, predicate, timeout, "wait for rule");

    /// <summary>Waits for a rule deletion (RTM_DELRULE) that <paramref name="predicate"/> accepts.</summary>
    /// <param name="predicate">Tests each deleted rule.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns><see langword="false"/> when the time ran out.</returns>
    /// <exception cref="NetlinkException">Receiving failed, or events were lost (ENOBUFS).</exception>
    public bool WaitForRuleDeletion(Func<RuleMessage, bool> predicate, TimeSpan timeout)
        => Wait(Rtm.DelRule, predicate, timeout, "wait for rule deletion");

    /// <summary>
    /// Sets the socket's receive buffer (SO_RCVBUFFORCE, else SO_RCVBUF without CAP_NET_ADMIN, where
    /// net.core.rmem_max caps it): a larger one loses fewer events in a burst of changes. The kernel
    /// doubles the value for its bookkeeping and raises a tiny one to its minimum.
    /// </summary>
    /// <param name="bytes">The size asked for.</param>
    /// <exception cref="NetlinkException">The system call failed.</exception>
    public unsafe void SetReceiveBufferSize(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        if (Libc.SetSockOpt(_handle, LibcConstants.SolSocket, LibcConstants.SoRcvBufForce, &bytes, sizeof(int)) == 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EPERM || Libc.SetSockOpt(_handle, LibcConstants.SolSocket, LibcConstants.SoRcvBuf, &bytes, sizeof(int)) != 0)
        {
            ThrowHelper.ThrowSystemCall("set the monitor's receive buffer", errno == Errno.EPERM ? Marshal.GetLastPInvokeError() : errno);
        }
    }

    /// <summary>Unsubscribes and closes the socket; a stream being read ends (without an exception).</summary>
    public void Dispose()
    {
        StopEvents();
        _handle.Dispose();
    }

    /// <summary>Reads notifications until one of <paramref name="type"/> satisfies the predicate or the time runs out; <paramref name="bridgeEntries"/> picks forwarding database (true) or ARP and NDP (false) neighbour notifications.</summary>
    private bool Wait<T>(ushort type, Func<T, bool> predicate, TimeSpan timeout, string operation, bool? bridgeEntries = null)
        where T : INetlinkMessage<T>, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var telemetry = OperationTelemetry.StartWait(operation, timeout);
        bool matched;
        try
        {
            matched = WaitLocked(type, predicate, timeout, operation, bridgeEntries);
        }
        catch (Exception e)
        {
            telemetry.StopWait(matched: false, e);
            throw;
        }

        telemetry.StopWait(matched, null);
        return matched;
    }

    private bool WaitLocked<T>(ushort type, Func<T, bool> predicate, TimeSpan timeout, string operation, bool? bridgeEntries)
        where T : INetlinkMessage<T>, allows ref struct
    {
        lock (_lock)
        {
            if (_streaming)
            {
                ThrowHelper.ThrowMonitorBusy();
            }

            var deadline = Deadline(timeout);
            while (TryReceive(deadline, operation, out var received))
            {
                foreach (var message in new NetlinkMessageEnumerator(_receive.AsSpan(0, received)))
                {
                    if (message.Type == type && Accepts(bridgeEntries, message.Payload) && predicate(T.Parse(message.Payload)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>Neighbour notifications carry ARP and NDP entries and forwarding database entries alike; ndm_family, the payload's first byte, tells them apart.</summary>
    private static bool Accepts(bool? bridgeEntries, ReadOnlySpan<byte> payload)
        => bridgeEntries is not { } bridge || (!payload.IsEmpty && (payload[0] == AddressFamilies.Bridge) == bridge);

    private static long Deadline(TimeSpan timeout)
        => Environment.TickCount64 + (long)Math.Max(0, timeout.TotalMilliseconds);

    /// <summary>Waits until a datagram from the kernel arrives or the deadline passes.</summary>
    private unsafe bool TryReceive(long deadline, string operation, out int received)
    {
        var holds = false;
        try
        {
            _handle.DangerousAddRef(ref holds);
            var poll = new pollfd { fd = (int)_handle.DangerousGetHandle(), events = LibcConstants.PollIn };
            while (true)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining < 0)
                {
                    received = 0;
                    return false;
                }

                var ready = Libc.Poll(&poll, 1, (int)Math.Min(remaining, int.MaxValue));
                if (ready < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != Errno.EINTR)
                    {
                        ThrowHelper.ThrowSystemCall(operation, errno);
                    }

                    continue;
                }

                if (ready == 0)
                {
                    received = 0;
                    return false;
                }

                received = ReceiveQueued(operation);
                if (received == EventsLost)
                {
                    ThrowHelper.ThrowSystemCall(operation, Errno.ENOBUFS);
                }

                if (received > 0)
                {
                    return true;
                }
            }
        }
        finally
        {
            if (holds)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Reads the datagram at the head of the queue into <see cref="_receive"/> without waiting: its
    /// length, 0 when none is queued or it came from a process rather than the kernel, or
    /// <see cref="EventsLost"/> when the kernel reports ENOBUFS (the queue is then drained, see <see cref="DiscardQueued"/>).
    /// </summary>
    private unsafe int ReceiveQueued(string operation)
    {
        fixed (byte* data = _receive)
        {
            sockaddr_nl from;
            var fromLength = sizeof(sockaddr_nl);
            var count = Libc.RecvFrom(_handle, data, (nuint)_receive.Length, LibcConstants.MsgDontWait | LibcConstants.MsgTrunc, &from, &fromLength);
            if (count < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.ENOBUFS)
                {
                    DiscardQueued(data);
                    return EventsLost;
                }

                if (errno is not (Errno.EINTR or Errno.EAGAIN))
                {
                    ThrowHelper.ThrowSystemCall(operation, errno);
                }

                return 0;
            }

            if (count > _receive.Length)
            {
                ThrowHelper.ThrowReplyTruncated(operation, count, _receive.Length);
            }

            return from.nl_pid == 0 ? (int)count : 0;
        }
    }

    /// <summary>
    /// After an overrun the kernel drops every notification until the queue is empty again (it stays
    /// congested), so a caller that re-read the state at once could miss a change made before the
    /// queue drained. What is queued is older than the loss and the re-read supersedes it: drop it
    /// now, so the kernel delivers again from before the caller re-reads.
    /// </summary>
    private unsafe void DiscardQueued(byte* data)
    {
        while (Libc.RecvFrom(_handle, data, (nuint)_receive.Length, LibcConstants.MsgDontWait, null, null) >= 0
            || Marshal.GetLastPInvokeError() is Errno.EINTR or Errno.ENOBUFS)
        {
        }
    }
}
