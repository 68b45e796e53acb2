using System.Buffers.Binary;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal;

/// <summary>
/// Walks the attributes in a payload. Every rta_len is checked against what remains before
/// anything is sliced; a bad one throws <see cref="NetlinkException"/> (EBADMSG).
/// </summary>
internal ref struct NetlinkAttributeEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeEnumerator(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
        Current = default;
    }

    public NetlinkAttribute Current { get; private set; }

    public readonly NetlinkAttributeEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        if (_remaining.Length < Nla.HeaderLength)
        {
            ThrowHelper.ThrowMalformed("an attribute header", Nla.HeaderLength, _remaining.Length);
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        if (length < Nla.HeaderLength || length > _remaining.Length)
        {
            ThrowHelper.ThrowMalformed("an attribute", length, _remaining.Length);
        }

        Current = new NetlinkAttribute(
            BinaryPrimitives.ReadUInt16LittleEndian(_remaining[2..]),
            _remaining[Nla.HeaderLength..length]);
        _remaining = _remaining[Math.Min(Nlmsg.Align(length), _remaining.Length)..];
        return true;
    }

    /// <summary>Reads the fixed struct at the start of a payload and returns the attributes after it.</summary>
    public static ReadOnlySpan<byte> AfterHeader<T>(ReadOnlySpan<byte> payload, out T header)
        where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (payload.Length < size)
        {
            ThrowHelper.ThrowMalformed("a fixed header", size, payload.Length);
        }

        header = System.Runtime.InteropServices.MemoryMarshal.Read<T>(payload);
        return payload[Math.Min(Nlmsg.Align(size), payload.Length)..];
    }
}
