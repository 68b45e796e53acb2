using System.Buffers;

namespace Cni.Ipam.Etcd.Internal.Client;

/// <summary>
/// Writes protocol buffers' wire format, the few shapes etcd's messages need: varints, length-delimited
/// bytes and nested messages. A nested message is written to its own writer first, since its length
/// comes before it.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int LengthDelimitedType = 2;

    private readonly ArrayBufferWriter<byte> _buffer = new(128);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>An integer field; zero is written too, for members of a <c>oneof</c> whose presence matters.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintType);
        WriteVarint((ulong)value);
    }

    public void WriteBool(int field, bool value)
    {
        if (value)
        {
            WriteTag(field, VarintType);
            WriteVarint(1);
        }
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedType);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.WrittenSpan);

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }
}
