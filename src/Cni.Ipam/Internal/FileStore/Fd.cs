using System.Runtime.InteropServices;
using Cni.Ipam.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>Small wrappers over the system calls the file store makes, with EINTR retried and errno kept.</summary>
internal static unsafe class Fd
{
    public static SafeFileHandle Wrap(int fd) => new(fd, ownsHandle: true);

    /// <summary>openat; -1 with the errno in <paramref name="errno"/> on failure.</summary>
    public static SafeFileHandle? TryOpenAt(SafeFileHandle directory, string name, int flags, int mode, out int errno)
    {
        int fd;
        do
        {
            fd = Libc.OpenAt(directory, name, flags | LibcConstants.OCloexec, mode);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (fd < 0 && errno == LibcConstants.EIntr);

        return fd < 0 ? null : Wrap(fd);
    }

    /// <summary>openat with a NUL-terminated name from getdents.</summary>
    public static SafeFileHandle? TryOpenAt(SafeFileHandle directory, byte* name, int flags, out int errno)
    {
        int fd;
        do
        {
            fd = Libc.OpenAt(directory, name, flags | LibcConstants.OCloexec, 0);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (fd < 0 && errno == LibcConstants.EIntr);

        return fd < 0 ? null : Wrap(fd);
    }

    /// <summary>Reads from <paramref name="offset"/> until <paramref name="buffer"/> is full or the file ends; the count read, or -errno.</summary>
    public static int ReadAll(SafeFileHandle fd, Span<byte> buffer, long offset = 0)
    {
        var total = 0;
        fixed (byte* start = buffer)
        {
            while (total < buffer.Length)
            {
                var read = Libc.Pread(fd, start + total, (nuint)(buffer.Length - total), offset + total);
                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibcConstants.EIntr)
                    {
                        continue;
                    }

                    return -errno;
                }

                if (read == 0)
                {
                    break;
                }

                total += (int)read;
            }
        }

        return total;
    }

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>; 0, or the errno.</summary>
    public static int WriteAll(SafeFileHandle fd, ReadOnlySpan<byte> data, long offset = 0)
    {
        var total = 0;
        fixed (byte* start = data)
        {
            while (total < data.Length)
            {
                var written = Libc.Pwrite(fd, start + total, (nuint)(data.Length - total), offset + total);
                if (written < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibcConstants.EIntr)
                    {
                        continue;
                    }

                    return errno;
                }

                total += (int)written;
            }
        }

        return 0;
    }

    /// <summary>fsync; 0, or the errno.</summary>
    public static int Sync(SafeFileHandle fd)
    {
        int result;
        do
        {
            result = Libc.Fsync(fd);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == LibcConstants.EIntr);

        return result < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>statx of an open file or directory: its inode and times.</summary>
    public static DirectoryStamp Stamp(SafeFileHandle fd, string path)
    {
        var buffer = stackalloc byte[LibcConstants.StatxSize];
        if (Libc.Statx(fd, "", LibcConstants.AtEmptyPath, LibcConstants.StatxBasicStats, buffer) < 0)
        {
            ThrowHelper.ThrowIO("stat", path, Marshal.GetLastPInvokeError());
        }

        return new DirectoryStamp(
            *(ulong*)(buffer + LibcConstants.StatxInoOffset),
            *(long*)(buffer + LibcConstants.StatxMtimeOffset),
            *(uint*)(buffer + LibcConstants.StatxMtimeOffset + 8),
            *(long*)(buffer + LibcConstants.StatxCtimeOffset),
            *(uint*)(buffer + LibcConstants.StatxCtimeOffset + 8));
    }
}
