using System.Runtime.InteropServices;
using Cni.Interop;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket: links, addresses, routes, neighbours, routing rules and bridge ports of the
/// network namespace it was opened in.
/// </summary>
/// <remarks>
/// <para>
/// One socket serves any number of requests; its send and receive buffers are allocated once, so
/// requests allocate nothing in steady state. Extended acks (<c>NETLINK_EXT_ACK</c>), capped acks
/// (<c>NETLINK_CAP_ACK</c>) and strict request checking (<c>NETLINK_GET_STRICT_CHK</c>) are on.
/// Every reply's sequence number and port id are checked; replies to other requests (left over from a
/// request that failed half way) are skipped. Interrupted system calls (EINTR) are retried.
/// </para>
/// <para>
/// Thread safety: every member may be called from any thread, and calls are serialized by a lock,
/// so a socket opened inside another namespace with <see cref="Open(NetworkNamespace)"/> can be used
/// from the thread pool. The <see cref="NetlinkDump{T}"/> a dump returns, and the messages it yields,
/// read the socket's dump buffer and stay valid until the next dump on the same socket; moving past a replaced dump throws <see cref="InvalidOperationException"/>. Threads
/// that dump concurrently should each use their own socket.
/// </para>
/// </remarks>
public sealed partial class NetlinkSocket : IDisposable
{
    private const int SendBufferSize = 16 * 1024;
    private const int ReceiveBufferSize = 64 * 1024;
    private const int DumpAttempts = 10;

    private readonly SafeFileHandle _handle;
    private readonly Lock _lock = new();
    private readonly byte[] _send = GC.AllocateArray<byte>(SendBufferSize, pinned: true);
    private readonly byte[] _receive = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
    private byte[] _dump = [];
    private int _dumpGeneration;
    private uint _sequence;

    private NetlinkSocket(SafeFileHandle handle, uint portId)
    {
        _handle = handle;
        PortId = portId;
    }

    /// <summary>The port id the kernel gave this socket (nl_pid); replies must carry it.</summary>
    public uint PortId { get; }

    /// <summary>Opens a socket in the network namespace of the calling thread.</summary>
    /// <returns>The socket; dispose it to close it.</returns>
    /// <exception cref="NetlinkException">A system call failed.</exception>
    public static unsafe NetlinkSocket Open()
    {
        var fd = Libc.Socket(LibcConstants.AfNetlink, LibcConstants.SockRaw | LibcConstants.SockCloexec, LibcConstants.NetlinkRoute);
        if (fd < 0)
        {
            ThrowHelper.ThrowSystemCall("open netlink socket", Marshal.GetLastPInvokeError());
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            SetOption(handle, LibcConstants.NetlinkExtAck);
            SetOption(handle, LibcConstants.NetlinkCapAck);
            SetOption(handle, LibcConstants.NetlinkGetStrictChk);

            var address = new sockaddr_nl { nl_family = LibcConstants.AfNetlink };
            if (Libc.Bind(handle, &address, sizeof(sockaddr_nl)) != 0)
            {
                ThrowHelper.ThrowSystemCall("bind netlink socket", Marshal.GetLastPInvokeError());
            }

            var length = sizeof(sockaddr_nl);
            if (Libc.GetSockName(handle, &address, &length) != 0)
            {
                ThrowHelper.ThrowSystemCall("read netlink socket address", Marshal.GetLastPInvokeError());
            }

            return new NetlinkSocket(handle, address.nl_pid);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a socket inside another network namespace. The socket is created on a dedicated thread
    /// that enters the namespace and then ends; the socket keeps the namespace and can be used from
    /// any thread.
    /// </summary>
    /// <param name="networkNamespace">The namespace whose links, addresses and routes the socket sees.</param>
    /// <returns>The socket; dispose it to close it.</returns>
    /// <exception cref="NetlinkException">Entering the namespace or a system call failed.</exception>
    public static NetlinkSocket Open(NetworkNamespace networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        return networkNamespace.Run(Open);
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _handle.Dispose();

    private static unsafe void SetOption(SafeFileHandle handle, int option)
    {
        var on = 1;
        if (Libc.SetSockOpt(handle, LibcConstants.SolNetlink, option, &on, sizeof(int)) != 0)
        {
            ThrowHelper.ThrowSystemCall("set netlink socket option", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>A writer over the send buffer. Call with the lock held.</summary>
    private NetlinkWriter StartRequest(out uint sequence)
    {
        sequence = ++_sequence;
        return new NetlinkWriter(_send);
    }

    /// <summary>Sends a request that asked for an ack and waits for it; throws the kernel's error.</summary>
    private void Acknowledge(ReadOnlySpan<byte> request, uint sequence, string operation)
    {
        Send(request, operation);
        while (true)
        {
            var received = Receive(_receive, operation);
            foreach (var message in new NetlinkMessageEnumerator(_receive.AsSpan(0, received)))
            {
                if (message.Sequence == sequence && message.PortId == PortId && message.Type == Nlmsg.Error)
                {
                    ThrowIfError(message, operation);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Sends a get request and returns the payload of the one reply of <paramref name="replyType"/>;
    /// returns <see langword="false"/> when the kernel answers ENODEV (no such link).
    /// </summary>
    private bool TryQuery(ReadOnlySpan<byte> request, uint sequence, ushort replyType, string operation, out ReadOnlySpan<byte> payload)
    {
        Send(request, operation);
        while (true)
        {
            var received = Receive(_receive, operation);
            foreach (var message in new NetlinkMessageEnumerator(_receive.AsSpan(0, received)))
            {
                if (message.Sequence != sequence || message.PortId != PortId)
                {
                    continue;
                }

                if (message.Type == replyType)
                {
                    payload = message.Payload;
                    return true;
                }

                if (message.Type == Nlmsg.Error)
                {
                    if (message.Payload.Length >= sizeof(int) && MemoryMarshal.Read<int>(message.Payload) == -Errno.ENODEV)
                    {
                        payload = default;
                        return false;
                    }

                    ThrowIfError(message, operation);
                    ThrowHelper.ThrowNoReply(operation);
                }
            }
        }
    }

    /// <summary>
    /// Sends a dump request and reads every part of the reply into the dump buffer, starting again
    /// when the kernel marks it interrupted (NLM_F_DUMP_INTR: the table changed while it was read).
    /// </summary>
    private ReadOnlySpan<byte> Dump(Span<byte> request, uint sequence, string operation, out int generation, out uint replySequence)
    {
        for (var attempt = 1; ; attempt++)
        {
            MemoryMarshal.AsRef<nlmsghdr>(request).nlmsg_seq = sequence;
            Send(request, operation);
            var length = 0;
            var interrupted = false;
            var done = false;
            while (!done)
            {
                EnsureDumpSpace(length + ReceiveBufferSize, length);
                var received = Receive(_dump.AsSpan(length, ReceiveBufferSize), operation);
                foreach (var message in new NetlinkMessageEnumerator(_dump.AsSpan(length, received)))
                {
                    if (message.Sequence != sequence || message.PortId != PortId)
                    {
                        continue;
                    }

                    interrupted |= (message.Flags & NlmF.DumpIntr) != 0;
                    if (message.Type == Nlmsg.Error)
                    {
                        ThrowIfError(message, operation);
                    }
                    else if (message.Type == Nlmsg.Done)
                    {
                        ThrowIfDumpFailed(message, operation);
                        done = true;
                    }
                }

                length += received;
            }

            generation = ++_dumpGeneration;
            replySequence = sequence;
            if (!interrupted)
            {
                return _dump.AsSpan(0, length);
            }

            if (attempt == DumpAttempts)
            {
                ThrowHelper.ThrowDumpInterrupted(operation);
            }

            sequence = ++_sequence;
        }
    }

    internal void CheckDump(int generation)
    {
        if (Volatile.Read(ref _dumpGeneration) != generation)
        {
            ThrowHelper.ThrowDumpInvalidated();
        }
    }

    private void EnsureDumpSpace(int needed, int keep)
    {
        if (_dump.Length >= needed)
        {
            return;
        }

        var larger = GC.AllocateUninitializedArray<byte>(Math.Max(needed, _dump.Length * 2), pinned: true);
        _dump.AsSpan(0, keep).CopyTo(larger);
        _dump = larger;
    }

    private unsafe void Send(ReadOnlySpan<byte> request, string operation)
    {
        fixed (byte* data = request)
        {
            while (Libc.SendTo(_handle, data, (nuint)request.Length, 0, null, 0) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    ThrowHelper.ThrowSystemCall(operation, errno);
                }
            }
        }
    }

    /// <summary>Receives one datagram from the kernel (others' datagrams are dropped).</summary>
    private unsafe int Receive(Span<byte> buffer, string operation)
    {
        fixed (byte* data = buffer)
        {
            while (true)
            {
                sockaddr_nl from;
                var fromLength = sizeof(sockaddr_nl);
                var received = Libc.RecvFrom(_handle, data, (nuint)buffer.Length, LibcConstants.MsgTrunc, &from, &fromLength);
                if (received < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != Errno.EINTR)
                    {
                        ThrowHelper.ThrowSystemCall(operation, errno);
                    }

                    continue;
                }

                if (received > buffer.Length)
                {
                    ThrowHelper.ThrowReplyTruncated(operation, received, buffer.Length);
                }

                if (from.nl_pid == 0)
                {
                    return (int)received;
                }
            }
        }
    }

    /// <summary>Throws the error an NLMSG_ERROR carries, with the kernel's extended-ack text; returns on an ack.</summary>
    internal static void ThrowIfError(NetlinkMessage message, string operation)
    {
        var error = FixedHeader.Read<nlmsgerr>(message.Payload, "an error message").error;
        if (error == 0)
        {
            return;
        }

        if (error > 0 || error == int.MinValue)
        {
            ThrowHelper.ThrowMalformed("an error message with a positive errno");
        }

        ThrowHelper.ThrowKernel(operation, -error, ExtendedAckMessage(message));
    }

    private static void ThrowIfDumpFailed(NetlinkMessage message, string operation)
    {
        if (message.Payload.Length >= sizeof(int))
        {
            var error = MemoryMarshal.Read<int>(message.Payload);
            if (error < 0)
            {
                ThrowHelper.ThrowKernel(operation, -error, null);
            }
        }
    }

    /// <summary>
    /// NLMSGERR_ATTR_MSG from the TLVs after struct nlmsgerr. Those follow the echoed request: its
    /// header only when the ack is capped, else the whole request.
    /// </summary>
    private static string? ExtendedAckMessage(NetlinkMessage message)
    {
        if ((message.Flags & NlmF.AckTlvs) == 0)
        {
            return null;
        }

        var payload = message.Payload;
        var echoed = Nlmsg.HeaderLength;
        if ((message.Flags & NlmF.Capped) == 0)
        {
            echoed = (int)Math.Min(FixedHeader.Read<nlmsgerr>(payload, "an error message").msg.nlmsg_len, int.MaxValue);
        }

        var start = sizeof(int) + Nlmsg.Align(echoed);
        if (start < 0 || start > payload.Length)
        {
            return null;
        }

        foreach (var attribute in new NetlinkAttributeEnumerator(payload[start..]))
        {
            if (attribute.Type == NlmsgerrAttr.Msg)
            {
                return attribute.GetString();
            }
        }

        return null;
    }
}
