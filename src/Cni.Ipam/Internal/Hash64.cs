using System.Buffers.Binary;
using System.Numerics;

namespace Cni.Ipam.Internal;

/// <summary>
/// A fast, stable 64-bit hash (an xxHash64-style mix) for the owner index's checksum and its digest of
/// the directory listing. Stable across processes and versions, unlike <see cref="HashCode"/>.
/// </summary>
internal static class Hash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;

    public static ulong Compute(ReadOnlySpan<byte> data, ulong seed)
    {
        var hash = seed + Prime3 + ((ulong)data.Length * Prime1);
        while (data.Length >= 8)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(data) * Prime2;
            hash ^= BitOperations.RotateLeft(word, 31) * Prime1;
            hash = (BitOperations.RotateLeft(hash, 27) * Prime1) + Prime3;
            data = data[8..];
        }

        foreach (var b in data)
        {
            hash ^= b * Prime3;
            hash = BitOperations.RotateLeft(hash, 11) * Prime1;
        }

        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        return hash ^ (hash >> 32);
    }
}
