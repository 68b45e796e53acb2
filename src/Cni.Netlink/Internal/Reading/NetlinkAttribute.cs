using System.Buffers.Binary;
using System.Text;
using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Reading;

/// <summary>One attribute: its type (flags masked off) and value. Typed reads check the value's length.</summary>
internal readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> value)
    {
        RawType = rawType;
        Value = value;
    }

    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & Nla.TypeMask);

    public ReadOnlySpan<byte> Value { get; }

    public NetlinkAttributeEnumerator Nested => new(Value);

    public byte GetUInt8()
    {
        Expect(1);
        return Value[0];
    }

    public ushort GetUInt16()
    {
        Expect(2);
        return BinaryPrimitives.ReadUInt16LittleEndian(Value);
    }

    public ushort GetUInt16BigEndian()
    {
        Expect(2);
        return BinaryPrimitives.ReadUInt16BigEndian(Value);
    }

    public uint GetUInt32()
    {
        Expect(4);
        return BinaryPrimitives.ReadUInt32LittleEndian(Value);
    }

    public ulong GetUInt64()
    {
        Expect(8);
        return BinaryPrimitives.ReadUInt64LittleEndian(Value);
    }

    public int GetInt32()
    {
        Expect(4);
        return BinaryPrimitives.ReadInt32LittleEndian(Value);
    }

    /// <summary>A string value without its NUL terminator (and anything after it).</summary>
    public ReadOnlySpan<byte> GetStringUtf8()
    {
        var end = Value.IndexOf((byte)0);
        return end < 0 ? Value : Value[..end];
    }

    public string GetString() => Encoding.UTF8.GetString(GetStringUtf8());

    private void Expect(int length)
    {
        if (Value.Length < length)
        {
            ThrowHelper.ThrowMalformed("an attribute value", length, Value.Length);
        }
    }
}
