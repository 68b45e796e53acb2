using System.Runtime.InteropServices;
using Cni.Ipam.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>
/// Lists a directory with getdents64 into one native buffer: names NUL-terminated, usable as openat paths
/// without copying, with no allocation per entry.
/// </summary>
internal sealed unsafe class DirectoryReader : IDisposable
{
    private const int BufferSize = 256 * 1024;
    private readonly SafeFileHandle _directory;
    private readonly string _path;
    private byte* _buffer = (byte*)NativeMemory.Alloc(BufferSize);
    private int _length;
    private int _offset;
    private int _next;

    public DirectoryReader(SafeFileHandle directory, string path)
    {
        _directory = directory;
        _path = path;
    }

    /// <summary>Whether the current entry is a directory.</summary>
    public bool IsDirectory => _buffer[_offset + LibcConstants.DirentTypeOffset] == LibcConstants.DtDir;

    /// <summary>The current entry's name, NUL-terminated (for openat).</summary>
    public byte* NamePointer => _buffer + _offset + LibcConstants.DirentNameOffset;

    /// <summary>The current entry's name, without its NUL.</summary>
    public ReadOnlySpan<byte> Name => MemoryMarshal.CreateReadOnlySpanFromNullTerminated(NamePointer);

    /// <summary>Starts again from the first entry.</summary>
    public void Rewind()
    {
        if (Libc.Lseek(_directory, 0, LibcConstants.SeekSet) < 0)
        {
            ThrowHelper.ThrowIO("seek", _path, Marshal.GetLastPInvokeError());
        }

        _length = _offset = _next = 0;
    }

    /// <summary>Moves to the next entry.</summary>
    /// <returns><see langword="false"/> after the last one.</returns>
    public bool MoveNext()
    {
        if (_next >= _length)
        {
            nint read;
            do
            {
                read = Libc.Getdents64(_directory, _buffer, BufferSize);
            }
            while (read < 0 && Marshal.GetLastPInvokeError() == LibcConstants.EIntr);

            if (read < 0)
            {
                ThrowHelper.ThrowIO("readdir", _path, Marshal.GetLastPInvokeError());
            }

            if (read == 0)
            {
                return false;
            }

            _length = (int)read;
            _next = 0;
        }

        _offset = _next;
        _next += *(ushort*)(_buffer + _offset + LibcConstants.DirentRecordLengthOffset);
        return true;
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _buffer = null;
    }
}
