using System.Diagnostics.CodeAnalysis;
using Cni.Interop;

namespace Cni.Netlink.Internal;

/// <summary>Throws for hot paths, kept out of line so the callers stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowMalformed(string what)
        => throw new NetlinkException("parse netlink message", Errno.EBADMSG, "malformed netlink message: " + what);

    [DoesNotReturn]
    public static void ThrowMalformed(string what, int length, int available)
        => throw new NetlinkException(
            "parse netlink message",
            Errno.EBADMSG,
            $"malformed netlink message: {what} of {length} bytes where {available} remain");

    [DoesNotReturn]
    public static void ThrowBufferFull(int needed, int available)
        => throw new NetlinkException(
            "build netlink message",
            Errno.EMSGSIZE,
            $"the request needs {needed} more bytes but only {available} remain in the send buffer");

    [DoesNotReturn]
    public static void ThrowSystemCall(string operation, int errno)
        => throw new NetlinkException(operation, errno);

    [DoesNotReturn]
    public static void ThrowKernel(string operation, int errno, string? kernelMessage)
        => throw new NetlinkException(operation, errno, null, kernelMessage);

    [DoesNotReturn]
    public static void ThrowDumpInterrupted(string operation)
        => throw new NetlinkException(operation, Errno.EINTR, "the dump kept changing while it was read (NLM_F_DUMP_INTR on every attempt)");

    [DoesNotReturn]
    public static void ThrowReplyTruncated(string operation, long length, int capacity)
        => throw new NetlinkException(operation, Errno.EMSGSIZE, $"a reply of {length} bytes did not fit the {capacity}-byte receive buffer");

    [DoesNotReturn]
    public static void ThrowNoReply(string operation)
        => throw new NetlinkException(operation, Errno.EBADMSG, "the kernel answered with neither the requested message nor an error");

    [DoesNotReturn]
    public static void ThrowDumpInvalidated()
        => throw new InvalidOperationException("Another dump ran on this NetlinkSocket while this one was being read; a dump's messages live in the socket's buffer until the next dump.");

    [DoesNotReturn]
    public static void ThrowMonitorBusy()
        => throw new InvalidOperationException("This NetlinkMonitor's events are already being read (by ReadEventsAsync or a blocking wait); a monitor has one reader at a time.");

    [DoesNotReturn]
    public static void ThrowArgument(string message, string parameter)
        => throw new ArgumentException(message, parameter);
}
