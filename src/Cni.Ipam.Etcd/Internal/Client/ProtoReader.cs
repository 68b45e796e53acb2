using System.Diagnostics.CodeAnalysis;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// Reads protocol buffers' wire format field by field: <see cref="TryRead"/> gives the next field's
/// number and wire type, then one of the read methods takes its value, or <see cref="Skip"/> passes
/// over a field the caller does not use. Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    public const int VarintType = 0;
    public const int Fixed64Type = 1;
    public const int LengthDelimitedType = 2;
    public const int Fixed32Type = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    public bool TryRead()
    {
        if (_position >= _data.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        if (Field == 0)
        {
            Malformed("field number 0");
        }

        return true;
    }

    public long ReadInt64()
    {
        Expect(VarintType);
        return (long)ReadVarint();
    }

    public bool ReadBool() => ReadInt64() != 0;

    public ReadOnlySpan<byte> ReadBytes()
    {
        Expect(LengthDelimitedType);
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            Malformed("a length past the end");
        }

        var value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    public void Skip()
    {
        switch (WireType)
        {
            case VarintType: ReadVarint(); break;
            case LengthDelimitedType: ReadBytes(); break;
            case Fixed64Type: Advance(8); break;
            case Fixed32Type: Advance(4); break;
            default: Malformed($"wire type {WireType}"); break;
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
        {
            Malformed("a value past the end");
        }

        _position += count;
    }

    private void Expect(int wireType)
    {
        if (WireType != wireType)
        {
            Malformed($"field {Field} with wire type {WireType}");
        }
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                Malformed("a varint past the end");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        Malformed("a varint longer than 10 bytes");
        return 0;
    }

    [DoesNotReturn]
    private static void Malformed(string what) => throw new InvalidDataException($"malformed protobuf message: {what}");
}
