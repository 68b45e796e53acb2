using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

/// <summary>
/// Builds netlink messages in place over a caller's buffer: a header, a fixed struct, then
/// attributes, each padded to 4 bytes with zeros. Lengths of the message and of nested attributes
/// are written when they end, so nothing is measured twice.
/// </summary>
internal ref struct NetlinkWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private int _messageStart;

    public NetlinkWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
        _messageStart = -1;
    }

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>How many bytes are written: where the next attribute or struct starts.</summary>
    public readonly int Position => _length;

    /// <summary>Starts a message; its length is filled in by <see cref="EndMessage"/>.</summary>
    public void BeginMessage(ushort type, ushort flags, uint sequence)
    {
        _messageStart = _length;
        ref var header = ref Reserve<nlmsghdr>();
        header.nlmsg_type = type;
        header.nlmsg_flags = flags;
        header.nlmsg_seq = sequence;
    }

    /// <summary>Writes the message length into its header.</summary>
    public readonly void EndMessage()
        => BinaryPrimitives.WriteUInt32LittleEndian(_buffer[_messageStart..], (uint)(_length - _messageStart));

    /// <summary>Appends a zeroed, padded <typeparamref name="T"/> and returns it to be filled in.</summary>
    public ref T Reserve<T>()
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var span = Take(Nlmsg.Align(size));
        return ref MemoryMarshal.AsRef<T>(span[..size]);
    }

    /// <summary>Appends an attribute with a raw value.</summary>
    public void Put(ushort type, scoped ReadOnlySpan<byte> value)
        => value.CopyTo(PutHeader(type, value.Length));

    public void PutUInt8(ushort type, byte value) => PutHeader(type, 1)[0] = value;

    public void PutUInt16(ushort type, ushort value)
        => BinaryPrimitives.WriteUInt16LittleEndian(PutHeader(type, 2), value);

    public void PutUInt16BigEndian(ushort type, ushort value)
        => BinaryPrimitives.WriteUInt16BigEndian(PutHeader(type, 2), value);

    public void PutUInt32(ushort type, uint value)
        => BinaryPrimitives.WriteUInt32LittleEndian(PutHeader(type, 4), value);

    public void PutInt32(ushort type, int value)
        => BinaryPrimitives.WriteInt32LittleEndian(PutHeader(type, 4), value);

    public void PutUInt64(ushort type, ulong value)
        => BinaryPrimitives.WriteUInt64LittleEndian(PutHeader(type, 8), value);

    /// <summary>Appends an attribute holding a kernel struct as it is laid out in memory.</summary>
    public void PutStruct<T>(ushort type, in T value)
        where T : unmanaged
        => Put(type, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    /// <summary>Appends an attribute of <paramref name="length"/> zeroed bytes and returns them to be filled in (a rate table).</summary>
    public Span<byte> PutSpace(ushort type, int length) => PutHeader(type, length);

    /// <summary>Appends a NUL-terminated UTF-8 string attribute.</summary>
    public void PutString(ushort type, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var span = PutHeader(type, count + 1);
        Encoding.UTF8.GetBytes(value, span);
        span[count] = 0;
    }

    /// <summary>Appends a UTF-8 string attribute without a NUL, as iproute2 writes IFLA_INFO_KIND.</summary>
    public void PutUnterminatedString(ushort type, string value)
        => Encoding.UTF8.GetBytes(value, PutHeader(type, Encoding.UTF8.GetByteCount(value)));

    /// <summary>Appends an address attribute: 4 bytes for IPv4, 16 for IPv6, network order.</summary>
    public void PutAddress(ushort type, IPAddress address)
    {
        var span = PutHeader(type, AddressLength(address));
        address.TryWriteBytes(span, out _);
    }

    /// <summary>Starts a nested attribute (NLA_F_NESTED set); pass the result to <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type) => BeginAttribute((ushort)(type | Nla.FNested));

    /// <summary>
    /// Starts an attribute whose value is written next, without NLA_F_NESTED (RTA_MULTIPATH, a raw
    /// run of structs; IFLA_AF_SPEC of a bridge VLAN request, as iproute2 sends it); pass the result
    /// to <see cref="EndNested"/>.
    /// </summary>
    public int BeginAttribute(ushort type)
    {
        var start = _length;
        PutHeader(type, 0);
        return start;
    }

    /// <summary>Drops everything written after <paramref name="start"/> (an empty nest left out).</summary>
    public void Rewind(int start) => _length = start;

    /// <summary>Writes a nested attribute's (or length-prefixed struct's) length, now that its content is written.</summary>
    public readonly void EndNested(int start)
        => BinaryPrimitives.WriteUInt16LittleEndian(_buffer[start..], checked((ushort)(_length - start)));

    internal static int AddressLength(IPAddress address)
        => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 16 : 4;

    private Span<byte> PutHeader(ushort type, int valueLength)
    {
        var total = Nla.HeaderLength + valueLength;
        var span = Take(Nlmsg.Align(total));
        BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)total));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        return span.Slice(Nla.HeaderLength, valueLength);
    }

    private Span<byte> Take(int alignedLength)
    {
        if (alignedLength > _buffer.Length - _length)
        {
            ThrowHelper.ThrowBufferFull(alignedLength, _buffer.Length - _length);
        }

        var span = _buffer.Slice(_length, alignedLength);
        span.Clear();
        _length += alignedLength;
        return span;
    }
}
