using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>The asynchronous stream of notifications.</summary>
public sealed partial class NetlinkMonitor
{
    /// <summary>What <see cref="ReceiveQueued"/> and <see cref="WaitUntilReadableAsync"/> return when the kernel reports ENOBUFS.</summary>
    private const int EventsLost = -1;

    /// <summary>What the stream's reads return once the monitor is disposed.</summary>
    private const int Stopped = -2;

    private const string ReadEventsOperation = "read netlink events";

    private readonly Lock _streamLock = new();
    private Socket? _readiness;
    private bool _streaming;
    private bool _disposed;

    /// <summary>
    /// Reads every notification of the subscribed groups as it comes: links, addresses, routes,
    /// neighbours, rules and forwarding database entries added, changed or deleted, each an owned
    /// copy (<see cref="NetlinkEvent{T}"/>). No thread waits meanwhile: the socket's readiness comes
    /// from the runtime's socket engine (epoll).
    /// </summary>
    /// <remarks>
    /// When the kernel drops notifications because they were not read fast enough (ENOBUFS), the
    /// stream discards what was still queued (it is older than the loss), yields
    /// <see cref="NetlinkEventsLost"/> and goes on: read the state again. Cancelling
    /// <paramref name="cancellationToken"/> ends the enumeration with
    /// <see cref="OperationCanceledException"/>; disposing the monitor ends it without one.
    /// Bridge port notifications (RTM_NEWLINK and RTM_DELLINK on AF_BRIDGE, which
    /// <see cref="NetlinkGroups.Link"/> also carries when a port joins or leaves its bridge) are not
    /// link events and are skipped: a port leaving is not the link's deletion.
    /// </remarks>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events, in the kernel's order.</returns>
    /// <exception cref="ObjectDisposedException">The monitor was disposed before the stream began.</exception>
    /// <exception cref="InvalidOperationException">Another stream or a blocking wait is reading this monitor.</exception>
    /// <exception cref="NetlinkException">Receiving failed, or a notification was malformed.</exception>
    public async IAsyncEnumerable<NetlinkEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var readiness = BeginStream();
        try
        {
            var events = new List<NetlinkEvent>();
            while (true)
            {
                // Checked here too, not only while waiting: a busy queue would never make the stream wait.
                cancellationToken.ThrowIfCancellationRequested();
                var received = ReceiveUnlessDisposed();
                if (received == 0)
                {
                    received = await WaitUntilReadableAsync(readiness, cancellationToken).ConfigureAwait(false);
                }

                if (received == Stopped)
                {
                    yield break;
                }

                if (received == EventsLost)
                {
                    yield return new NetlinkEventsLost();
                }
                else if (received > 0)
                {
                    ReadEvents(_receive.AsSpan(0, received), events);
                    foreach (var e in events)
                    {
                        yield return e;
                    }

                    events.Clear();
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _streaming = false;
            }
        }
    }

    /// <summary>Claims the monitor for one stream and makes (once) the socket its readiness comes from.</summary>
    private Socket BeginStream()
    {
        if (!_lock.TryEnter())
        {
            ThrowHelper.ThrowMonitorBusy();
        }

        try
        {
            if (_streaming)
            {
                ThrowHelper.ThrowMonitorBusy();
            }

            lock (_streamLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _readiness ??= CreateReadinessSocket();
                _streaming = true;
                return _readiness;
            }
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>
    /// A <see cref="Socket"/> over a duplicate of the netlink descriptor (same socket, same queue),
    /// owned by the Socket, so the runtime's epoll engine reports readiness and its disposal never waits
    /// for a blocking wait that holds the original descriptor.
    /// </summary>
    private Socket CreateReadinessSocket()
    {
        var duplicate = Libc.Fcntl(_handle, LibcConstants.FDupFdCloexec, 0);
        if (duplicate < 0)
        {
            ThrowHelper.ThrowSystemCall(ReadEventsOperation, Marshal.GetLastPInvokeError());
        }

        return new Socket(new SafeSocketHandle(duplicate, ownsHandle: true));
    }

    /// <summary>
    /// Waits until a datagram is queued, with a zero-byte read that peeks, so the datagram stays for
    /// <see cref="ReceiveQueued"/> (which checks its sender and length): 0 then, or
    /// <see cref="EventsLost"/> when the peek met ENOBUFS (the kernel reports it once), or
    /// <see cref="Stopped"/> when the monitor was disposed.
    /// </summary>
    private async ValueTask<int> WaitUntilReadableAsync(Socket readiness, CancellationToken cancellationToken)
    {
        try
        {
            await readiness.ReceiveAsync(Memory<byte>.Empty, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
        {
            return DiscardQueuedUnlessDisposed();
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted } && Volatile.Read(ref _disposed))
        {
            return Stopped;
        }
        catch (SocketException e)
        {
            throw new NetlinkException(ReadEventsOperation, e.NativeErrorCode);
        }
    }

    /// <summary>What <see cref="ReceiveQueued"/> does on ENOBUFS, for an ENOBUFS the peek met: <see cref="EventsLost"/>, or <see cref="Stopped"/> once the monitor is disposed.</summary>
    private unsafe int DiscardQueuedUnlessDisposed()
    {
        try
        {
            fixed (byte* data = _receive)
            {
                DiscardQueued(data);
            }

            return EventsLost;
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref _disposed))
        {
            return Stopped;
        }
    }

    /// <summary><see cref="ReceiveQueued"/>, or <see cref="Stopped"/> once the monitor is disposed (even while it reads).</summary>
    private int ReceiveUnlessDisposed()
    {
        if (Volatile.Read(ref _disposed))
        {
            return Stopped;
        }

        try
        {
            return ReceiveQueued(ReadEventsOperation);
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref _disposed))
        {
            return Stopped;
        }
    }

    /// <summary>Turns the notifications in one datagram into owned events.</summary>
    private static void ReadEvents(ReadOnlySpan<byte> datagram, List<NetlinkEvent> events)
    {
        foreach (var message in new NetlinkMessageEnumerator(datagram))
        {
            var payload = message.Payload;
            switch (message.Type)
            {
                case Rtm.NewLink or Rtm.DelLink when payload.IsEmpty || payload[0] != AddressFamilies.Bridge:
                    var link = new LinkInfo();
                    link.CopyFrom(LinkMessage.Parse(payload));
                    events.Add(new NetlinkEvent<LinkInfo>(ChangeOf(message.Type, Rtm.NewLink), link));
                    break;
                case Rtm.NewAddr or Rtm.DelAddr:
                    events.Add(new NetlinkEvent<InterfaceAddress>(ChangeOf(message.Type, Rtm.NewAddr), AddressMessage.Parse(payload).ToInterfaceAddress()));
                    break;
                case Rtm.NewRoute or Rtm.DelRoute:
                    events.Add(new NetlinkEvent<Route>(ChangeOf(message.Type, Rtm.NewRoute), RouteMessage.Parse(payload).ToRoute()));
                    break;
                case Rtm.NewNeigh or Rtm.DelNeigh when !payload.IsEmpty && payload[0] == AddressFamilies.Bridge:
                    events.Add(new NetlinkEvent<FdbEntry>(ChangeOf(message.Type, Rtm.NewNeigh), FdbMessage.Parse(payload).ToFdbEntry()));
                    break;
                case Rtm.NewNeigh or Rtm.DelNeigh:
                    events.Add(new NetlinkEvent<Neighbor>(ChangeOf(message.Type, Rtm.NewNeigh), NeighborMessage.Parse(payload).ToNeighbor()));
                    break;
                case Rtm.NewRule or Rtm.DelRule:
                    events.Add(new NetlinkEvent<Rule>(ChangeOf(message.Type, Rtm.NewRule), RuleMessage.Parse(payload).ToRule()));
                    break;
            }
        }
    }

    private static NetlinkChange ChangeOf(ushort type, ushort newType) => type == newType ? NetlinkChange.New : NetlinkChange.Deleted;

    /// <summary>Ends a stream being read (its pending read is aborted) and closes the readiness socket; later streams throw <see cref="ObjectDisposedException"/>.</summary>
    private void StopEvents()
    {
        Socket? readiness;
        lock (_streamLock)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            readiness = _readiness;
        }

        readiness?.Dispose();
    }
}
