using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cni.Netlink.Interop;

/// <summary>The C library calls netlink, namespaces and tun/tap links need: one declaration per system call.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(SafeFileHandle fd, sockaddr_nl* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "getsockname", SetLastError = true)]
    internal static partial int GetSockName(SafeFileHandle fd, sockaddr_nl* address, int* addressLength);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(SafeFileHandle fd, int level, int name, int* value, int valueLength);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeFileHandle fd, byte* buffer, nuint length, int flags, sockaddr_nl* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "recvfrom", SetLastError = true)]
    internal static partial nint RecvFrom(SafeFileHandle fd, byte* buffer, nuint length, int flags, sockaddr_nl* address, int* addressLength);

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(SafeFileHandle fd, int namespaceType);

    [LibraryImport(Library, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int Unshare(int flags);

    [LibraryImport(Library, EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Mount(string? source, string target, string? fileSystemType, nuint flags, nint data);

    [LibraryImport(Library, EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Umount2(string target, int flags);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeFileHandle fd, nuint request, nint argument);

    [LibraryImport(Library, EntryPoint = "readlink", SetLastError = true)]
    internal static partial nint ReadLink(byte* path, byte* buffer, nuint size);

    /// <summary>fcntl with one int argument (F_DUPFD_CLOEXEC); C's variadic int is passed as a fixed one on Linux's x86-64 and arm64 ABIs.</summary>
    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(SafeFileHandle fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(pollfd* fds, nuint count, int timeoutMilliseconds);
}
