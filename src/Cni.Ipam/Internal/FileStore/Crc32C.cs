using System.Buffers.Binary;
using System.Numerics;

namespace Cni.Ipam.Internal.FileStore;

/// <summary>
/// CRC-32C of a buffer with the processor's CRC instruction (SSE4.2, Arm CRC32) eight bytes at a time: the owner
/// index's checksum, so a torn write of the index reads as stale. Fast enough to check a megabyte in well under a
/// millisecond.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data, uint seed = 0)
    {
        var crc = ~seed;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
