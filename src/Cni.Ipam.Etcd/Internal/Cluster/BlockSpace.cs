using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Cni.Ipam.Etcd.Internal.Cluster;

/// <summary>
/// The cluster CIDR cut into blocks of one prefix length, numbered from the lowest address: block i starts
/// i block sizes above the cluster CIDR's network address.
/// </summary>
internal sealed class BlockSpace
{
    /// <summary>More blocks than this (2^32) is a configuration mistake, not a cluster.</summary>
    private const int MaximumBlockBits = 32;

    private readonly UInt128 _network;
    private readonly int _bits;

    public BlockSpace(IPCidr clusterCidr, int blockPrefixLength)
    {
        _bits = clusterCidr.IsIPv4 ? 32 : 128;
        if (blockPrefixLength < clusterCidr.PrefixLength || blockPrefixLength > _bits)
        {
            throw new ArgumentOutOfRangeException(nameof(blockPrefixLength), blockPrefixLength,
                $"a block's prefix length must lie between the cluster CIDR's ({clusterCidr.PrefixLength}) and {_bits}");
        }

        if (blockPrefixLength - clusterCidr.PrefixLength > MaximumBlockBits)
        {
            throw new ArgumentOutOfRangeException(nameof(blockPrefixLength), blockPrefixLength,
                $"/{blockPrefixLength} blocks cut {clusterCidr.Network} into more than 2^{MaximumBlockBits} blocks");
        }

        ClusterCidr = new IPCidr(clusterCidr.Network.BaseAddress, clusterCidr.PrefixLength);
        BlockPrefixLength = blockPrefixLength;
        Count = 1UL << (blockPrefixLength - clusterCidr.PrefixLength);
        _network = ToNumber(ClusterCidr.Address);
    }

    /// <summary>The cluster CIDR with its host bits cleared.</summary>
    public IPCidr ClusterCidr { get; }

    public int BlockPrefixLength { get; }

    public ulong Count { get; }

    public IPCidr this[ulong index] => new(ToAddress(_network + ((UInt128)index << (_bits - BlockPrefixLength))), BlockPrefixLength);

    /// <summary>Whether <paramref name="block"/> is one of the blocks (right length, aligned, inside the cluster CIDR).</summary>
    public bool Contains(IPCidr block)
        => block.PrefixLength == BlockPrefixLength
            && block.Address.AddressFamily == ClusterCidr.Address.AddressFamily
            && ClusterCidr.Network.Contains(block.Address)
            && block.Network.BaseAddress.Equals(block.Address);

    /// <summary>
    /// The lowest block <paramref name="isTaken"/> says is free, or null when every one is taken. At most
    /// <paramref name="takenCount"/> + 1 blocks are looked at, since no more than that many can be taken.
    /// </summary>
    public IPCidr? FirstFree(Func<IPCidr, bool> isTaken, int takenCount)
    {
        var candidates = Math.Min(Count, (ulong)takenCount + 1);
        for (ulong i = 0; i < candidates; i++)
        {
            var block = this[i];
            if (!isTaken(block))
            {
                return block;
            }
        }

        return null;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"/{BlockPrefixLength} blocks of {ClusterCidr}");

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private IPAddress ToAddress(UInt128 number)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (_bits == 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)number);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
