using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Reading;

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

        var header = FixedHeader.Read<rtattr>(_remaining, "an attribute header");
        int length = header.rta_len;
        if (length < Nla.HeaderLength || length > _remaining.Length)
        {
            ThrowHelper.ThrowMalformed("an attribute", length, _remaining.Length);
        }

        Current = new NetlinkAttribute(header.rta_type, _remaining[Nla.HeaderLength..length]);
        _remaining = _remaining[Math.Min(Nlmsg.Align(length), _remaining.Length)..];
        return true;
    }

    /// <summary>Reads the fixed struct at the start of a payload and returns the attributes after it.</summary>
    public static ReadOnlySpan<byte> AfterHeader<T>(ReadOnlySpan<byte> payload, out T header)
        where T : unmanaged
    {
        header = FixedHeader.Read<T>(payload, "a fixed header");
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return payload[Math.Min(Nlmsg.Align(size), payload.Length)..];
    }
}
