using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cni.Ipam.Interop;

/// <summary>The C library calls the file store needs: one declaration per system call.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int OpenAt(SafeFileHandle directory, string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true)]
    internal static partial int OpenAt(SafeFileHandle directory, byte* path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "faccessat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int FAccessAt(SafeFileHandle directory, string path, int mode, int flags);

    [LibraryImport(Library, EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int UnlinkAt(SafeFileHandle directory, string path, int flags);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(SafeFileHandle fd, int operation);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(SafeFileHandle fd);

    [LibraryImport(Library, EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(SafeFileHandle fd, long length);

    [LibraryImport(Library, EntryPoint = "pread", SetLastError = true)]
    internal static partial nint Pread(SafeFileHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "pwrite", SetLastError = true)]
    internal static partial nint Pwrite(SafeFileHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "lseek", SetLastError = true)]
    internal static partial long Lseek(SafeFileHandle fd, long offset, int whence);

    [LibraryImport(Library, EntryPoint = "getdents64", SetLastError = true)]
    internal static partial nint Getdents64(SafeFileHandle directory, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "fstatfs", SetLastError = true)]
    internal static partial int Fstatfs(SafeFileHandle fd, byte* buffer);

    [LibraryImport(Library, EntryPoint = "clock_gettime", SetLastError = true)]
    internal static partial int ClockGetTime(int clock, long* timespec);

    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Statx(SafeFileHandle directory, string path, int flags, uint mask, byte* buffer);
}
