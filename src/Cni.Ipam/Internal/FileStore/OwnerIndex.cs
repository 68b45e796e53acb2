using System.Buffers;
using System.Buffers.Binary;
using Cni.Ipam.Internal.Rules;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>
/// The file store's owner index: for every address file of a network directory, its address and a 64-bit key of
/// its (trimmed) content (<see cref="KeyOf(ReadOnlySpan{byte})"/>), so an owner lookup reads only the files whose
/// key matches instead of every file. Entries have a fixed size (16-byte address, IPv4 as IPv4-mapped, and the
/// key), so a change rewrites only the entries it touched and the header. The header records the directory's
/// inode and times (<see cref="DirectoryStamp"/>) after the last change: the index is used only while they are
/// unchanged, so a file created or deleted since, by anyone, makes it stale and it is rebuilt from the files. A
/// CRC-32C over the header and the entries makes a torn write read as stale too. Its buffer is pooled: call
/// <see cref="Dispose"/> when the session ends.
/// </summary>
internal sealed class OwnerIndex : IDisposable
{
    public const int HeaderSize = ChecksumOffset + 4;
    public const int EntrySize = 24;
    private const ulong Magic = 0x3330584449494E43; // "CNIIDX03", little-endian
    private const int StampOffset = 8;
    private const int CountOffset = StampOffset + DirectoryStamp.Size;
    private const int ChecksumOffset = CountOffset + 4;
    private const int KeyOffset = 16;

    private const int ScansBeforeMap = 8;

    private byte[] _entries;
    private Dictionary<UInt128, int>? _positions;
    private int _scans;

    private OwnerIndex(byte[] entries, int count)
    {
        _entries = entries;
        Count = count;
        FirstChanged = count;
    }

    /// <summary>Entries.</summary>
    public int Count { get; private set; }

    /// <summary>The first entry changed since the index was read (entries before it are as on disk).</summary>
    public int FirstChanged { get; private set; }

    /// <summary>An empty index, every entry of which is new.</summary>
    public static OwnerIndex CreateEmpty() => new(ArrayPool<byte>.Shared.Rent(EntrySize * 64), 0) { FirstChanged = 0 };

    /// <summary>A pooled buffer for <paramref name="count"/> entries read from a file, with room to add some.</summary>
    public static byte[] RentEntries(int count) => ArrayPool<byte>.Shared.Rent((count + 16) * EntrySize);

    /// <summary>The key of a record's content: two CRC-32C with different seeds. Matches are confirmed by reading the file.</summary>
    public static ulong KeyOf(ReadOnlySpan<byte> content)
        => ((ulong)Crc32C.Compute(content, 0x5bd1e995) << 32) | Crc32C.Compute(content, 0x1b873593);

    /// <summary>Adds an address file.</summary>
    public void Add(IPValue address, ulong key)
    {
        if ((Count + 1) * EntrySize > _entries.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_entries.Length * 2);
            _entries.AsSpan(0, Count * EntrySize).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_entries);
            _entries = larger;
        }

        var entry = _entries.AsSpan(Count * EntrySize, EntrySize);
        BinaryPrimitives.WriteUInt128BigEndian(entry, Wide(address));
        BinaryPrimitives.WriteUInt64LittleEndian(entry[KeyOffset..], key);
        _positions?.Add(Wide(address), Count);
        FirstChanged = Math.Min(FirstChanged, Count);
        Count++;
    }

    /// <summary>
    /// The entry of an address; -1 when absent. The first lookups of a session scan the entries (an ADD usually
    /// needs one); after a few, a map is built, so walking past many taken addresses stays linear.
    /// </summary>
    public int Find(IPValue address)
    {
        var wide = Wide(address);
        if (_positions is null && ++_scans > ScansBeforeMap)
        {
            _positions = new Dictionary<UInt128, int>(Count);
            for (var i = 0; i < Count; i++)
            {
                _positions[BinaryPrimitives.ReadUInt128BigEndian(_entries.AsSpan(i * EntrySize))] = i;
            }
        }

        if (_positions is not null)
        {
            return _positions.TryGetValue(wide, out var position) ? position : -1;
        }

        for (var i = 0; i < Count; i++)
        {
            if (BinaryPrimitives.ReadUInt128BigEndian(_entries.AsSpan(i * EntrySize)) == wide)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes an entry: the last entry takes its place.</summary>
    public void RemoveAt(int entry)
    {
        _positions?.Remove(BinaryPrimitives.ReadUInt128BigEndian(_entries.AsSpan(entry * EntrySize)));
        Count--;
        if (entry != Count)
        {
            _entries.AsSpan(Count * EntrySize, EntrySize).CopyTo(_entries.AsSpan(entry * EntrySize));
            if (_positions is not null)
            {
                _positions[BinaryPrimitives.ReadUInt128BigEndian(_entries.AsSpan(entry * EntrySize))] = entry;
            }
        }

        FirstChanged = Math.Min(FirstChanged, entry);
    }

    public IPValue AddressOf(int entry)
    {
        var wide = BinaryPrimitives.ReadUInt128BigEndian(_entries.AsSpan(entry * EntrySize));
        return wide >> 32 == 0xFFFF ? new IPValue((uint)wide, true) : new IPValue(wide, false);
    }

    public ulong KeyOf(int entry) => BinaryPrimitives.ReadUInt64LittleEndian(_entries.AsSpan((entry * EntrySize) + KeyOffset));

    /// <summary>Writes the header for the current entries, recording <paramref name="stamp"/>.</summary>
    public void WriteHeader(Span<byte> header, in DirectoryStamp stamp)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
        stamp.Write(header[StampOffset..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[CountOffset..], Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header[ChecksumOffset..], Checksum(header, Entries(0)));
    }

    /// <summary>The bytes of the entries from <paramref name="first"/> on, as they go in the file after the header.</summary>
    public ReadOnlySpan<byte> Entries(int first) => _entries.AsSpan(first * EntrySize, (Count - first) * EntrySize);

    /// <summary>How many entries a header says follow it, if it is an index header for <paramref name="stamp"/>; else -1.</summary>
    public static int CountIfCurrent(ReadOnlySpan<byte> header, in DirectoryStamp stamp)
        => header.Length >= HeaderSize
            && BinaryPrimitives.ReadUInt64LittleEndian(header) == Magic
            && DirectoryStamp.Read(header[StampOffset..]).Equals(stamp)
            ? BinaryPrimitives.ReadInt32LittleEndian(header[CountOffset..])
            : -1;

    /// <summary>
    /// The index from a header and its entries (a buffer from <see cref="RentEntries"/>, which the index then owns);
    /// <see langword="null"/>, with the buffer returned, when the checksum fails (a torn write).
    /// </summary>
    public static OwnerIndex? TryRead(ReadOnlySpan<byte> header, byte[] entries, int count)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[ChecksumOffset..]) == Checksum(header, entries.AsSpan(0, count * EntrySize)))
        {
            return new OwnerIndex(entries, count);
        }

        ArrayPool<byte>.Shared.Return(entries);
        return null;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_entries);
        _entries = [];
        Count = 0;
    }

    private static UInt128 Wide(IPValue address) => address.IsIPv4 ? ((UInt128)0xFFFF << 32) | address.Value : address.Value;

    private static uint Checksum(ReadOnlySpan<byte> header, ReadOnlySpan<byte> entries)
        => Crc32C.Compute(entries, Crc32C.Compute(header[..ChecksumOffset]));
}
