using System.Buffers.Binary;

namespace Cni.Ipam.Internal;

/// <summary>
/// The file store's owner index: for every address file of a network directory, its name and a 64-bit key of
/// its (trimmed) content (<see cref="KeyOf(ReadOnlySpan{byte})"/>), so an owner lookup reads only the files whose
/// key matches instead of every file. Its header records the directory's inode and
/// times (<see cref="DirectoryStamp"/>) when it was written; it is used only while they are unchanged, so any
/// file created or deleted since, by anyone, makes it stale and it is rebuilt from the files. A checksum makes a
/// torn write read as stale too. In memory it is one byte buffer with the same entry bytes as its file.
/// </summary>
internal sealed class OwnerIndex
{
    public const int HeaderSize = ChecksumOffset + 4;
    private const ulong Magic = 0x3230584449494E43; // "CNIIDX02", little-endian
    private const int StampOffset = 8;
    private const int CountOffset = StampOffset + DirectoryStamp.Size;
    private const int PayloadLengthOffset = CountOffset + 4;
    private const int ChecksumOffset = PayloadLengthOffset + 4;

    private readonly List<int> _entries = [];
    private readonly List<bool> _removed = [];
    private byte[] _payload;
    private int _payloadLength;

    public OwnerIndex() => _payload = new byte[4096];

    private OwnerIndex(byte[] payload, int length)
    {
        _payload = payload;
        _payloadLength = length;
    }

    /// <summary>Live entries.</summary>
    public int Count { get; private set; }

    /// <summary>The key of a record's content: two CRC-32C with different seeds. Matches are confirmed by reading the file.</summary>
    public static ulong KeyOf(ReadOnlySpan<byte> content)
        => ((ulong)Crc32C.Compute(content, 0x5bd1e995) << 32) | Crc32C.Compute(content, 0x1b873593);

    /// <summary>Adds an address file.</summary>
    public void Add(ReadOnlySpan<byte> name, ulong key)
    {
        var size = EntrySizeFor(name.Length);
        if (_payloadLength + size > _payload.Length)
        {
            Array.Resize(ref _payload, Math.Max(_payload.Length * 2, _payloadLength + size));
        }

        var span = _payload.AsSpan(_payloadLength, size);
        span[0] = (byte)name.Length;
        name.CopyTo(span[1..]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(1 + name.Length)..], key);
        _entries.Add(_payloadLength);
        _removed.Add(false);
        _payloadLength += size;
        Count++;
    }

    /// <summary>Finds the live entry of an address file by name; -1 when absent.</summary>
    public int Find(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!_removed[i] && NameOf(i).SequenceEqual(name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes a live entry.</summary>
    public void Remove(int entry)
    {
        _removed[entry] = true;
        Count--;
    }

    /// <summary>Entry handles, live ones only.</summary>
    public IEnumerable<int> Live()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!_removed[i])
            {
                yield return i;
            }
        }
    }

    public ReadOnlySpan<byte> NameOf(int entry)
    {
        var at = _entries[entry];
        return _payload.AsSpan(at + 1, _payload[at]);
    }

    public ulong KeyOf(int entry)
        => BinaryPrimitives.ReadUInt64LittleEndian(_payload.AsSpan(_entries[entry] + 1 + _payload[_entries[entry]]));

    /// <summary>The index file's bytes: header (with the directory's identity and times) and live entries.</summary>
    public byte[] Serialize(in DirectoryStamp stamp)
    {
        var live = 0;
        foreach (var entry in Live())
        {
            live += EntrySize(_entries[entry]);
        }

        var bytes = new byte[HeaderSize + live];
        var at = HeaderSize;
        foreach (var entry in Live())
        {
            var size = EntrySize(_entries[entry]);
            _payload.AsSpan(_entries[entry], size).CopyTo(bytes.AsSpan(at));
            at += size;
        }

        var header = bytes.AsSpan(0, HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
        stamp.Write(header[StampOffset..CountOffset]);
        BinaryPrimitives.WriteInt32LittleEndian(header[CountOffset..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(header[PayloadLengthOffset..], live);
        BinaryPrimitives.WriteUInt32LittleEndian(header[ChecksumOffset..], Checksum(bytes));
        return bytes;
    }

    /// <summary>Reads an index file; <see langword="null"/> when torn, foreign, or written for other directory times.</summary>
    public static OwnerIndex? TryRead(ReadOnlySpan<byte> file, in DirectoryStamp stamp)
    {
        if (file.Length < HeaderSize
            || BinaryPrimitives.ReadUInt64LittleEndian(file) != Magic
            || !DirectoryStamp.Read(file[StampOffset..CountOffset]).Equals(stamp)
            || BinaryPrimitives.ReadInt32LittleEndian(file[PayloadLengthOffset..]) != file.Length - HeaderSize
            || BinaryPrimitives.ReadUInt32LittleEndian(file[ChecksumOffset..]) != Checksum(file))
        {
            return null;
        }

        var index = new OwnerIndex(file[HeaderSize..].ToArray(), file.Length - HeaderSize);
        for (var at = 0; at < index._payloadLength;)
        {
            var size = index.EntrySize(at);
            if (size < 0 || at + size > index._payloadLength)
            {
                return null;
            }

            index._entries.Add(at);
            index._removed.Add(false);
            index.Count++;
            at += size;
        }

        return index.Count == BinaryPrimitives.ReadInt32LittleEndian(file[CountOffset..]) ? index : null;
    }

    // An entry: the name's length (a byte), the name, the content key.
    private static int EntrySizeFor(int nameLength) => 1 + nameLength + 8;

    // The size of the entry at a payload offset; -1 when it runs past the payload.
    private int EntrySize(int at) => at + EntrySizeFor(_payload[at]) > _payloadLength ? -1 : EntrySizeFor(_payload[at]);

    // The checksum covers the header before it and the payload.
    private static uint Checksum(ReadOnlySpan<byte> file)
        => Crc32C.Compute(file[HeaderSize..], Crc32C.Compute(file[..ChecksumOffset]));
}
