using System.Buffers.Binary;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>
/// A directory's identity and change times (inode, mtime, ctime, with nanoseconds). Creating or deleting
/// an entry changes both times; since Linux 6.13 (multigrain timestamps on ext4, xfs, btrfs, tmpfs) a change
/// made after we read them always gets a later time, even within one clock tick.
/// </summary>
internal readonly record struct DirectoryStamp(ulong Inode, long ModifiedSeconds, uint ModifiedNanoseconds, long ChangedSeconds, uint ChangedNanoseconds)
{
    public const int Size = 32;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Inode);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], ModifiedSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], ModifiedNanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], ChangedNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], ChangedSeconds);
    }

    public static DirectoryStamp Read(ReadOnlySpan<byte> source)
        => new(
            BinaryPrimitives.ReadUInt64LittleEndian(source),
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[20..]));
}
