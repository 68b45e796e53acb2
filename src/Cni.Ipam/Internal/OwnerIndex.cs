using System.Buffers.Binary;

namespace Cni.Ipam.Internal;

/// <summary>
/// The file store's owner index: for every address file of a network directory, its name, inode and
/// (trimmed) content, so owner lookups need no file reads; and a digest of the directory listing
/// (names and inodes, order-independent), so a change made behind our back is detected by one getdents
/// pass. Kept in memory as one byte buffer, the same bytes as its file (see docs/ipam.md, "Owner index").
/// </summary>
internal sealed class OwnerIndex
{
    public const int HeaderSize = 80;
    private const ulong Magic = 0x3130584449494E43; // "CNIIDX01", little-endian
    private const int CountOffset = 40;
    private const int DigestCountOffset = 44;
    private const int SumAOffset = 48;
    private const int SumBOffset = 56;
    private const int PayloadLengthOffset = 64;
    private const int ChecksumOffset = 72;

    private readonly List<int> _entries = [];
    private readonly List<bool> _removed = [];
    private byte[] _payload;
    private int _payloadLength;
    private int _liveCount;

    public OwnerIndex() => _payload = new byte[4096];

    private OwnerIndex(byte[] payload, int length)
    {
        _payload = payload;
        _payloadLength = length;
    }

    /// <summary>How many names the digest covers (address files and any other file we do not own).</summary>
    public int DigestCount { get; private set; }

    public ulong SumA { get; private set; }

    public ulong SumB { get; private set; }

    /// <summary>Live address entries.</summary>
    public int Count => _liveCount;

    /// <summary>Adds a directory entry to the digest.</summary>
    public void AddName(ReadOnlySpan<byte> name, ulong inode)
    {
        DigestCount++;
        SumA += Hash64.Compute(name, inode);
        SumB += Hash64.Compute(name, ~inode * 0x9E3779B97F4A7C15UL);
    }

    /// <summary>Takes a directory entry out of the digest.</summary>
    public void RemoveName(ReadOnlySpan<byte> name, ulong inode)
    {
        DigestCount--;
        SumA -= Hash64.Compute(name, inode);
        SumB -= Hash64.Compute(name, ~inode * 0x9E3779B97F4A7C15UL);
    }

    /// <summary>Whether the digest equals one computed from a listing.</summary>
    public bool DigestEquals(int count, ulong sumA, ulong sumB) => DigestCount == count && SumA == sumA && SumB == sumB;

    /// <summary>Adds an address file (and its name to the digest).</summary>
    public void Add(ReadOnlySpan<byte> name, ulong inode, ReadOnlySpan<byte> content)
    {
        AddName(name, inode);
        var size = 1 + name.Length + 8 + 2 + content.Length;
        if (_payloadLength + size > _payload.Length)
        {
            Array.Resize(ref _payload, Math.Max(_payload.Length * 2, _payloadLength + size));
        }

        var at = _payloadLength;
        var span = _payload.AsSpan(at, size);
        span[0] = (byte)name.Length;
        name.CopyTo(span[1..]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(1 + name.Length)..], inode);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(9 + name.Length)..], (ushort)content.Length);
        content.CopyTo(span[(11 + name.Length)..]);
        _payloadLength += size;
        _entries.Add(at);
        _removed.Add(false);
        _liveCount++;
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

    /// <summary>Removes a live entry (and its name from the digest).</summary>
    public void Remove(int entry)
    {
        RemoveName(NameOf(entry), InodeOf(entry));
        _removed[entry] = true;
        _liveCount--;
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

    public ulong InodeOf(int entry)
    {
        var at = _entries[entry];
        return BinaryPrimitives.ReadUInt64LittleEndian(_payload.AsSpan(at + 1 + _payload[at]));
    }

    public ReadOnlySpan<byte> ContentOf(int entry)
    {
        var at = _entries[entry] + 1 + _payload[_entries[entry]] + 8;
        return _payload.AsSpan(at + 2, BinaryPrimitives.ReadUInt16LittleEndian(_payload.AsSpan(at)));
    }

    /// <summary>The index file's bytes: header (with the directory's identity and times) and live entries.</summary>
    public byte[] Serialize(in DirectoryStamp stamp)
    {
        var live = 0;
        foreach (var entry in Live())
        {
            live += EntrySize(entry);
        }

        var bytes = new byte[HeaderSize + live];
        var at = HeaderSize;
        foreach (var entry in Live())
        {
            var size = EntrySize(entry);
            _payload.AsSpan(_entries[entry], size).CopyTo(bytes.AsSpan(at));
            at += size;
        }

        var header = bytes.AsSpan(0, HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
        stamp.Write(header[8..CountOffset]);
        BinaryPrimitives.WriteInt32LittleEndian(header[CountOffset..], _liveCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[DigestCountOffset..], DigestCount);
        BinaryPrimitives.WriteUInt64LittleEndian(header[SumAOffset..], SumA);
        BinaryPrimitives.WriteUInt64LittleEndian(header[SumBOffset..], SumB);
        BinaryPrimitives.WriteInt32LittleEndian(header[PayloadLengthOffset..], live);
        BinaryPrimitives.WriteUInt64LittleEndian(header[ChecksumOffset..], Checksum(bytes));
        return bytes;
    }

    /// <summary>Reads an index file; <see langword="null"/> when torn, foreign or from another directory state.</summary>
    public static OwnerIndex? TryRead(ReadOnlySpan<byte> file, in DirectoryStamp stamp)
    {
        if (file.Length < HeaderSize || BinaryPrimitives.ReadUInt64LittleEndian(file) != Magic)
        {
            return null;
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(file[PayloadLengthOffset..]);
        if (payloadLength < 0 || payloadLength != file.Length - HeaderSize
            || BinaryPrimitives.ReadUInt64LittleEndian(file[ChecksumOffset..]) != Checksum(file)
            || !DirectoryStamp.Read(file[8..CountOffset]).Equals(stamp))
        {
            return null;
        }

        var index = new OwnerIndex(file[HeaderSize..].ToArray(), payloadLength)
        {
            DigestCount = BinaryPrimitives.ReadInt32LittleEndian(file[DigestCountOffset..]),
            SumA = BinaryPrimitives.ReadUInt64LittleEndian(file[SumAOffset..]),
            SumB = BinaryPrimitives.ReadUInt64LittleEndian(file[SumBOffset..]),
        };
        for (var at = 0; at < payloadLength;)
        {
            index._entries.Add(at);
            index._removed.Add(false);
            index._liveCount++;
            at += index.EntrySize(index._entries.Count - 1);
            if (at > payloadLength)
            {
                return null;
            }
        }

        return index._liveCount == BinaryPrimitives.ReadInt32LittleEndian(file[CountOffset..]) ? index : null;
    }

    private int EntrySize(int entry)
    {
        var at = _entries[entry];
        var nameLength = _payload[at];
        var contentAt = at + 1 + nameLength + 8;
        return contentAt + 2 > _payloadLength ? int.MaxValue / 2 : 1 + nameLength + 8 + 2 + BinaryPrimitives.ReadUInt16LittleEndian(_payload.AsSpan(contentAt));
    }

    // The checksum covers the header (without itself) and the payload.
    private static ulong Checksum(ReadOnlySpan<byte> file)
        => Hash64.Compute(file[HeaderSize..], Hash64.Compute(file[..ChecksumOffset], 0));
}
