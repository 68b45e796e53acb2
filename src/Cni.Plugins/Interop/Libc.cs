using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cni.Plugins.Interop;

/// <summary>The C library calls a packet socket needs: one declaration per system call.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    public const int AfPacket = 17;
    public const int SockDgram = 2;
    public const int SockCloexec = 0x80000;

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(SafeFileHandle fd, byte* buffer, nuint length, int flags, sockaddr_ll* address, int addressLength);
}
