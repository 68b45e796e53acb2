using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Reading;

/// <summary>
/// Walks the messages in a received buffer. Every nlmsg_len is checked against what remains before
/// anything is sliced; a bad one throws <see cref="NetlinkException"/> (EBADMSG).
/// </summary>
internal ref struct NetlinkMessageEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkMessageEnumerator(ReadOnlySpan<byte> buffer)
    {
        _remaining = buffer;
        Current = default;
    }

    public NetlinkMessage Current { get; private set; }

    /// <summary>How many bytes the messages after <see cref="Current"/> take.</summary>
    public readonly int RemainingLength => _remaining.Length;

    public readonly NetlinkMessageEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        var header = FixedHeader.Read<nlmsghdr>(_remaining, "a message header");
        var length = header.nlmsg_len;
        if (length < Nlmsg.HeaderLength || length > (uint)_remaining.Length)
        {
            ThrowHelper.ThrowMalformed("a message", (int)Math.Min(length, int.MaxValue), _remaining.Length);
        }

        var size = (int)length;
        Current = new NetlinkMessage(header, _remaining[Nlmsg.HeaderLength..size]);
        _remaining = _remaining[Math.Min(Nlmsg.Align(size), _remaining.Length)..];
        return true;
    }
}
