using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Cni.Ipam.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Ipam.Internal;

/// <summary>
/// One operation on a host-local network directory, holding its flock from open to dispose. Address files are
/// the truth; the owner index (<see cref="OwnerIndex"/>) answers owner lookups while the directory's times show
/// nothing changed behind its back (otherwise it is rebuilt from the files). Not thread-safe: one session serves
/// one operation.
/// </summary>
internal sealed unsafe class FileStoreSession : IIpamStoreSession
{
    private const string LockName = "lock";
    private const string IndexName = ".cni-ipam-index";
    private const string CursorPrefix = "last_reserved_ip.";
    private const int MaxRecordLength = 4096;
    private const int FileMode = 0x1A4; // 0644, as host-local writes its files

    private readonly SafeFileHandle _directory;
    private readonly SafeFileHandle _lock;
    private readonly string _path;
    private readonly DirectoryReader _reader;
    private OwnerIndex? _index;
    private bool _dirty;

    private FileStoreSession(SafeFileHandle directory, SafeFileHandle lockFile, string path)
    {
        _directory = directory;
        _lock = lockFile;
        _path = path;
        _reader = new DirectoryReader(directory, path);
    }

    /// <summary>Whether the last lookup had to rebuild the index from the files (for tests and benchmarks).</summary>
    internal bool Rebuilt { get; private set; }

    public static FileStoreSession Open(string dataDir, string network)
    {
        var path = Path.Combine(dataDir, network);
        try
        {
            // 0777 less the umask, as Go's os.MkdirAll(dir, 0755) gives under the usual umask 022.
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.Internal, $"mkdir {path}: {e.Message}", null, e);
        }

        var fd = Libc.Open(path, LibcConstants.ORdOnly | LibcConstants.OCloexec, 0);
        if (fd < 0)
        {
            ThrowHelper.ThrowIO("open", path, Marshal.GetLastPInvokeError());
        }

        var directory = Fd.Wrap(fd);
        var lockFile = Fd.TryOpenAt(directory, LockName, LibcConstants.ORdOnly | LibcConstants.OCreat, 0x180, out var errno);
        if (lockFile is null)
        {
            directory.Dispose();
            ThrowHelper.ThrowIO("open", Path.Combine(path, LockName), errno);
        }

        int locked;
        do
        {
            locked = Libc.Flock(lockFile, LibcConstants.LockEx);
        }
        while (locked < 0 && Marshal.GetLastPInvokeError() == LibcConstants.EIntr);

        if (locked < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            lockFile.Dispose();
            directory.Dispose();
            ThrowHelper.ThrowIO("flock", Path.Combine(path, LockName), errno);
        }

        return new FileStoreSession(directory, lockFile, path);
    }

    public ValueTask<bool> TryReserveAsync(IPAddress address, IpamOwner owner, int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var name = IPValue.From(address).ToString();
        var nameBytes = Encoding.ASCII.GetBytes(name);
        if (index.Find(nameBytes) >= 0)
        {
            return ValueTask.FromResult(false);
        }

        var file = Fd.TryOpenAt(_directory, name, LibcConstants.OWrOnly | LibcConstants.OCreat | LibcConstants.OExcl, FileMode, out var errno);
        if (file is null)
        {
            if (errno != LibcConstants.EExist)
            {
                ThrowHelper.ThrowIO("open", Path.Combine(_path, name), errno);
            }

            // Someone created it and the index missed it: trust the files again.
            _index = Rebuild();
            return ValueTask.FromResult(false);
        }

        var content = Encoding.UTF8.GetBytes($"{owner.ContainerId.Trim()}\r\n{owner.IfName}");
        using (file)
        {
            errno = Fd.WriteAll(file, content);
            if (errno == 0)
            {
                errno = Fd.Sync(file);
            }

            if (errno != 0)
            {
                Libc.UnlinkAt(_directory, name, 0);
                ThrowHelper.ThrowIO("write", Path.Combine(_path, name), errno);
            }
        }

        WriteCursor(rangeSetIndex, name);
        SyncDirectory();
        index.Add(nameBytes, OwnerIndex.KeyOf(content));
        _dirty = true;
        return ValueTask.FromResult(true);
    }

    public ValueTask<IPAddress?> GetLastReservedAsync(int rangeSetIndex, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = CursorPrefix + rangeSetIndex.ToString(CultureInfo.InvariantCulture);
        using var file = Fd.TryOpenAt(_directory, name, LibcConstants.ORdOnly, 0, out _);
        if (file is null)
        {
            return ValueTask.FromResult<IPAddress?>(null);
        }

        Span<byte> buffer = stackalloc byte[64];
        var read = Fd.ReadAll(file, buffer);

        // Read as Go's net.ParseIP reads the whole content: anything else means "no cursor".
        return ValueTask.FromResult(read > 0 && IPValue.TryParse(buffer[..read], out var last) ? last.ToAddress() : null);
    }

    public ValueTask<IReadOnlyList<IpamAllocation>> FindByOwnerAsync(IpamOwner owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var containerId = owner.ContainerId.Trim();
        var exact = Encoding.UTF8.GetBytes($"{containerId}\r\n{owner.IfName}");
        var legacy = Encoding.UTF8.GetBytes(containerId);
        ulong exactKey = OwnerIndex.KeyOf(exact), legacyKey = OwnerIndex.KeyOf(legacy);
        var found = new List<IpamAllocation>();
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        foreach (var entry in index.Live())
        {
            var key = index.KeyOf(entry);
            if (key != exactKey && key != legacyKey)
            {
                continue;
            }

            // The key only narrows the search: the file decides.
            if (File(index.NameOf(entry), buffer, out var content) && (content.SequenceEqual(exact) || content.SequenceEqual(legacy)))
            {
                found.Add(ToAllocation(index.NameOf(entry), content));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>(found);
    }

    public ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var name = IPValue.From(allocation.Address).ToString();
        var entry = index.Find(Encoding.ASCII.GetBytes(name));
        if (entry < 0)
        {
            return ValueTask.FromResult(false);
        }

        // The file, not the index, decides: compare its owner right before deleting it.
        var expected = allocation.IsDamaged ? [] : Encoding.UTF8.GetBytes(allocation.Owner.IsLegacy
            ? allocation.Owner.ContainerId
            : $"{allocation.Owner.ContainerId}\r\n{allocation.Owner.IfName}");
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        var nameBytes = index.NameOf(entry);
        if (!File(nameBytes, buffer, out var actual) || !actual.SequenceEqual(expected))
        {
            _index = Rebuild();
            return ValueTask.FromResult(false);
        }

        if (Libc.UnlinkAt(_directory, name, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibcConstants.ENoEnt)
            {
                _index = Rebuild();
                return ValueTask.FromResult(false);
            }

            ThrowHelper.ThrowIO("remove", Path.Combine(_path, name), errno);
        }

        SyncDirectory();
        index.Remove(entry);
        _dirty = true;
        return ValueTask.FromResult(true);
    }

    // Owners are in the files, so listing reads every one (GC and STATUS only).
    public ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var all = new List<IpamAllocation>(index.Count);
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        foreach (var entry in index.Live())
        {
            if (File(index.NameOf(entry), buffer, out var content))
            {
                all.Add(ToAllocation(index.NameOf(entry), content));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>(all);
    }

    public ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Libc.FAccessAt(_directory, ".", LibcConstants.WOk, 0) < 0)
        {
            ThrowHelper.ThrowNotAvailable($"data directory {_path} is not writable: {Errno.Describe(Marshal.GetLastPInvokeError())}");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (_dirty && _index is not null)
            {
                WriteIndex(_index);
            }
        }
        finally
        {
            _reader.Dispose();
            _lock.Dispose();
            _directory.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private OwnerIndex EnsureIndex()
    {
        if (_index is not null)
        {
            return _index;
        }

        return _index = ReadIndex(Fd.Stamp(_directory, _path)) ?? Rebuild();
    }

    private OwnerIndex? ReadIndex(in DirectoryStamp stamp)
    {
        using var file = Fd.TryOpenAt(_directory, IndexName, LibcConstants.ORdOnly, 0, out _);
        if (file is null)
        {
            return null;
        }

        var length = RandomAccess.GetLength(file);
        if (length is < OwnerIndex.HeaderSize or > int.MaxValue / 2)
        {
            return null;
        }

        var bytes = new byte[length];
        var read = Fd.ReadAll(file, bytes);
        return read == bytes.Length ? OwnerIndex.TryRead(bytes, stamp) : null;
    }

    // Reads every address file, as the reference does on each lookup; needed only after a change we did not make.
    private OwnerIndex Rebuild()
    {
        Rebuilt = true;
        _dirty = true;
        var index = new OwnerIndex();
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        _reader.Rewind();
        while (_reader.MoveNext())
        {
            var name = _reader.Name;
            if (_reader.IsDirectory || IsOurs(name))
            {
                continue;
            }

            if (!IPValue.TryParse(name, out _))
            {
                continue;
            }

            using var file = Fd.TryOpenAt(_directory, _reader.NamePointer, LibcConstants.ORdOnly, out _);
            var read = file is null ? -1 : Fd.ReadAll(file, buffer);
            if (read >= 0)
            {
                index.Add(name, OwnerIndex.KeyOf(Trim(buffer[..read])));
            }
        }

        return index;
    }

    private void WriteIndex(OwnerIndex index)
    {
        // The index is a cache: if it cannot be written, the next session rebuilds it from the files.
        using var file = Fd.TryOpenAt(_directory, IndexName, LibcConstants.ORdWr | LibcConstants.OCreat, FileMode, out _);
        if (file is null)
        {
            return;
        }

        // Read the directory's times after the last change we make to it (creating the index file included).
        var stamp = Fd.Stamp(_directory, _path);
        var bytes = index.Serialize(stamp);
        if (Fd.WriteAll(file, bytes) == 0)
        {
            Libc.Ftruncate(file, bytes.Length);
        }

        // Before anyone else may change the directory, its times must be able to move past the recorded ones.
        if (!DirectoryClock.IsMultigrain(_directory))
        {
            DirectoryClock.WaitPast(stamp);
        }
    }

    // An address file's trimmed content; false when it is gone or unreadable.
    private bool File(ReadOnlySpan<byte> name, Span<byte> buffer, out ReadOnlySpan<byte> content)
    {
        content = default;
        Span<byte> path = stackalloc byte[name.Length + 1];
        name.CopyTo(path);
        path[^1] = 0;
        SafeFileHandle? file;
        fixed (byte* pointer = path)
        {
            file = Fd.TryOpenAt(_directory, pointer, LibcConstants.ORdOnly, out _);
        }

        if (file is null)
        {
            return false;
        }

        using (file)
        {
            var read = Fd.ReadAll(file, buffer);
            if (read < 0)
            {
                return false;
            }

            content = Trim(buffer[..read]);
            return true;
        }
    }

    private void WriteCursor(int rangeSetIndex, string address)
    {
        var name = CursorPrefix + rangeSetIndex.ToString(CultureInfo.InvariantCulture);
        using var file = Fd.TryOpenAt(_directory, name, LibcConstants.OWrOnly | LibcConstants.OCreat | LibcConstants.OTrunc, FileMode, out var errno);
        if (file is null)
        {
            ThrowHelper.ThrowIO("open", Path.Combine(_path, name), errno);
        }

        errno = Fd.WriteAll(file, Encoding.ASCII.GetBytes(address));
        if (errno != 0)
        {
            ThrowHelper.ThrowIO("write", Path.Combine(_path, name), errno);
        }
    }

    private void SyncDirectory()
    {
        var errno = Fd.Sync(_directory);
        if (errno != 0)
        {
            ThrowHelper.ThrowIO("fsync", _path, errno);
        }
    }

    private static IpamAllocation ToAllocation(ReadOnlySpan<byte> name, ReadOnlySpan<byte> content)
    {
        // Only names that parse as addresses become entries (see Rebuild and TryReserveAsync).
        _ = IPValue.TryParse(name, out var address);
        if (content.IsEmpty)
        {
            return new IpamAllocation(address.ToAddress(), new IpamOwner("", ""), IsDamaged: true);
        }

        var text = Encoding.UTF8.GetString(content);
        var split = text.IndexOf("\r\n", StringComparison.Ordinal);
        return new IpamAllocation(address.ToAddress(), split < 0 ? new IpamOwner(text, "") : new IpamOwner(text[..split], text[(split + 2)..]));
    }

    // Files that are not address records: the lock, the cursors, our index, "." and "..".
    private static bool IsOurs(ReadOnlySpan<byte> name)
        => name.SequenceEqual("."u8) || name.SequenceEqual(".."u8) || name.SequenceEqual("lock"u8)
        || name.SequenceEqual(".cni-ipam-index"u8) || name.StartsWith("last_reserved_ip."u8);

    // Go's strings.TrimSpace for ASCII white space.
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> content) => content.Trim(" \t\n\v\f\r"u8);
}
