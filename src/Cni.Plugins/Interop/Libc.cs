using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cni.Plugins.Interop;

/// <summary>The C library calls an ICMPv6 socket needs: one declaration per system call.</summary>
internal static unsafe partial class Libc
{
    public const int AfInet6 = 10;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int IPProtoIPv6 = 41;
    public const int IPProtoIcmpV6 = 58;
    public const int IPv6MulticastInterface = 17;
    public const int IPv6MulticastHops = 18;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(SafeFileHandle fd, sockaddr_in6* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(SafeFileHandle fd, int level, int name, int* value, int valueLength);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeFileHandle fd, byte* buffer, nuint length, int flags, sockaddr_in6* address, int addressLength);
}
