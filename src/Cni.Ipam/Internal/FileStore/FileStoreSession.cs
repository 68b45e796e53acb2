using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Cni.Interop;
using Cni.Ipam.Internal.Rules;
using Cni.Ipam.Interop;
using Microsoft.Win32.SafeHandles;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>
/// One operation on a host-local network directory, holding its flock from open to dispose. Address files are
/// the truth; the owner index (<see cref="OwnerIndex"/>) narrows owner lookups while the directory's times show
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
    private const int LockMode = 0x180; // 0600, as host-local's lock

    private readonly SafeFileHandle _directory;
    private readonly SafeFileHandle _lock;
    private readonly string _path;
    private SafeFileHandle? _indexFile;
    private OwnerIndex? _index;
    private bool _rewriteAll;
    private bool _dirty;

    private FileStoreSession(SafeFileHandle directory, SafeFileHandle lockFile, string path)
    {
        _directory = directory;
        _lock = lockFile;
        _path = path;
    }

    /// <summary>Whether this session had to rebuild the index from the files (for tests and benchmarks).</summary>
    internal bool Rebuilt { get; private set; }

    public static FileStoreSession Open(string dataDir, string network)
    {
        var path = Path.Combine(dataDir, network);
        try
        {
            // 0777 less the umask: 0755 under the usual umask, as host-local's os.MkdirAll(dir, 0755).
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
        var lockFile = Fd.TryOpenAt(directory, LockName, LibcConstants.ORdOnly | LibcConstants.OCreat, LockMode, out var errno);
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
        var value = IPValue.From(address);
        if (index.Find(value) >= 0)
        {
            return ValueTask.FromResult(false);
        }

        var name = value.ToString();
        var file = Fd.TryOpenAt(_directory, name, LibcConstants.OWrOnly | LibcConstants.OCreat | LibcConstants.OExcl, FileMode, out var errno);
        if (file is null)
        {
            if (errno != LibcConstants.EExist)
            {
                ThrowHelper.ThrowIO("open", Path.Combine(_path, name), errno);
            }

            // Someone created it and the index missed it: trust the files again.
            ReplaceIndex();
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
                // Best effort: a file left behind is empty or partial, listed as damaged, and GC removes it.
                _ = Libc.UnlinkAt(_directory, name, 0);
                ThrowHelper.ThrowIO("write", Path.Combine(_path, name), errno);
            }
        }

        WriteCursor(rangeSetIndex, name);
        SyncDirectory();
        index.Add(value, OwnerIndex.KeyOf(content));
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
        for (var entry = 0; entry < index.Count; entry++)
        {
            var key = index.KeyOf(entry);
            if (key != exactKey && key != legacyKey)
            {
                continue;
            }

            // The key only narrows the search: the file decides.
            var address = index.AddressOf(entry);
            if (Record(address, buffer, out var content) && (content.SequenceEqual(exact) || content.SequenceEqual(legacy)))
            {
                found.Add(ToAllocation(address, content));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>(found);
    }

    public ValueTask<bool> ReleaseAsync(IpamAllocation allocation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var address = IPValue.From(allocation.Address);
        var entry = index.Find(address);
        if (entry < 0)
        {
            return ValueTask.FromResult(false);
        }

        // The file, not the index, decides: compare its owner right before deleting it.
        var expected = allocation.IsDamaged ? [] : Encoding.UTF8.GetBytes(allocation.Owner.IsLegacy
            ? allocation.Owner.ContainerId
            : $"{allocation.Owner.ContainerId}\r\n{allocation.Owner.IfName}");
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        if (!Record(address, buffer, out var actual) || !actual.SequenceEqual(expected))
        {
            ReplaceIndex();
            return ValueTask.FromResult(false);
        }

        var name = address.ToString();
        if (Libc.UnlinkAt(_directory, name, 0) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibcConstants.ENoEnt)
            {
                ReplaceIndex();
                return ValueTask.FromResult(false);
            }

            ThrowHelper.ThrowIO("remove", Path.Combine(_path, name), errno);
        }

        SyncDirectory();
        index.RemoveAt(entry);
        _dirty = true;
        return ValueTask.FromResult(true);
    }

    // Owners are in the files, so listing them reads every one (GC only).
    public ValueTask<IReadOnlyList<IpamAllocation>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var all = new List<IpamAllocation>(index.Count);
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        for (var entry = 0; entry < index.Count; entry++)
        {
            var address = index.AddressOf(entry);
            if (Record(address, buffer, out var content))
            {
                all.Add(ToAllocation(address, content));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<IpamAllocation>>(all);
    }

    public ValueTask<IReadOnlyList<IPAddress>> ListAddressesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = EnsureIndex();
        var all = new IPAddress[index.Count];
        for (var entry = 0; entry < all.Length; entry++)
        {
            all[entry] = index.AddressOf(entry).ToAddress();
        }

        return ValueTask.FromResult<IReadOnlyList<IPAddress>>(all);
    }

    public ValueTask EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Libc.FAccessAt(_directory, ".", LibcConstants.WOk, 0) < 0)
        {
            ThrowHelper.ThrowNotAvailable($"data directory {_path} is not writable: {Errno.GoText(Marshal.GetLastPInvokeError())}");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (_dirty && _index is not null && _indexFile is not null)
            {
                WriteIndex(_index, _indexFile);
            }
        }
        finally
        {
            _index?.Dispose();
            _indexFile?.Dispose();
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

        // The index file is opened (created the first time) before the directory's times are read.
        _indexFile = Fd.TryOpenAt(_directory, IndexName, LibcConstants.ORdWr | LibcConstants.OCreat, FileMode, out _);
        return _index = ReadIndex(Fd.Stamp(_directory, _path)) ?? Rebuild();
    }

    private OwnerIndex? ReadIndex(in DirectoryStamp stamp)
    {
        if (_indexFile is null)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[OwnerIndex.HeaderSize];
        var count = Fd.ReadAll(_indexFile, header) == header.Length ? OwnerIndex.CountIfCurrent(header, stamp) : -1;
        if (count < 0 || count > int.MaxValue / OwnerIndex.EntrySize / 2)
        {
            return null;
        }

        var entries = OwnerIndex.RentEntries(count);
        var length = count * OwnerIndex.EntrySize;
        if (Fd.ReadAll(_indexFile, entries.AsSpan(0, length), OwnerIndex.HeaderSize) != length)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(entries);
            return null;
        }

        return OwnerIndex.TryRead(header, entries, count);
    }

    private void ReplaceIndex()
    {
        _index?.Dispose();
        _index = Rebuild();
    }

    // Reads every address file, as the reference does on each lookup; needed only after a change we did not make.
    private OwnerIndex Rebuild()
    {
        Rebuilt = true;
        _dirty = true;
        _rewriteAll = true;
        var index = OwnerIndex.CreateEmpty();
        Span<byte> buffer = stackalloc byte[MaxRecordLength];
        using var reader = new DirectoryReader(_directory, _path);
        reader.Rewind();
        while (reader.MoveNext())
        {
            var name = reader.Name;
            if (reader.IsDirectory || IsOurs(name) || !IPValue.TryParse(name, out var address) || !IsCanonical(name, address))
            {
                continue;
            }

            using var file = Fd.TryOpenAt(_directory, reader.NamePointer, LibcConstants.ORdOnly, out _);
            var read = file is null ? -1 : Fd.ReadAll(file, buffer);
            if (read >= 0)
            {
                index.Add(address, OwnerIndex.KeyOf(Trim(buffer[..read])));
            }
        }

        return index;
    }

    private void WriteIndex(OwnerIndex index, SafeFileHandle file)
    {
        // Read the directory's times after the last change we made to it.
        var stamp = Fd.Stamp(_directory, _path);

        // Entries first, then the header that vouches for them: a crash in between leaves a checksum that fails.
        // The index is a cache: if it cannot be written, the next session rebuilds it from the files.
        var first = _rewriteAll ? 0 : index.FirstChanged;
        Span<byte> header = stackalloc byte[OwnerIndex.HeaderSize];
        index.WriteHeader(header, stamp);
        if (Fd.WriteAll(file, index.Entries(first), OwnerIndex.HeaderSize + ((long)first * OwnerIndex.EntrySize)) == 0
            && Fd.WriteAll(file, header) == 0
            && _rewriteAll)
        {
            _ = Libc.Ftruncate(file, OwnerIndex.HeaderSize + ((long)index.Count * OwnerIndex.EntrySize));
        }

        // Before anyone else may change the directory, its times must be able to move past the recorded ones.
        if (!DirectoryClock.IsMultigrain(_directory))
        {
            DirectoryClock.WaitPast(stamp);
        }
    }

    // An address file's trimmed content; false when it is gone or unreadable.
    private bool Record(IPValue address, Span<byte> buffer, out ReadOnlySpan<byte> content)
    {
        content = default;
        using var file = Fd.TryOpenAt(_directory, address.ToString(), LibcConstants.ORdOnly, 0, out _);
        var read = file is null ? -1 : Fd.ReadAll(file, buffer);
        if (read < 0)
        {
            return false;
        }

        content = Trim(buffer[..read]);
        return true;
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

    private static IpamAllocation ToAllocation(IPValue address, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return new IpamAllocation(address.ToAddress(), new IpamOwner("", ""), IsDamaged: true);
        }

        var text = Encoding.UTF8.GetString(content);
        var split = text.IndexOf("\r\n", StringComparison.Ordinal);
        return new IpamAllocation(address.ToAddress(), split < 0 ? new IpamOwner(text, "") : new IpamOwner(text[..split], text[(split + 2)..]));
    }

    // Only names written the way host-local writes them are address records (it names files with Go's text form).
    private static bool IsCanonical(ReadOnlySpan<byte> name, IPValue address)
    {
        Span<char> text = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            text[i] = (char)name[i];
        }

        return text.SequenceEqual(address.ToString());
    }

    // Files that are not address records: the lock, the cursors, our index, "." and "..".
    private static bool IsOurs(ReadOnlySpan<byte> name)
        => name.SequenceEqual("."u8) || name.SequenceEqual(".."u8) || name.SequenceEqual("lock"u8)
        || name.SequenceEqual(".cni-ipam-index"u8) || name.StartsWith("last_reserved_ip."u8);

    // Go's strings.TrimSpace for ASCII white space.
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> content) => content.Trim(" \t\n\v\f\r"u8);
}
