using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// The paths of a multipath route (RTA_MULTIPATH), read in place with <c>foreach</c>. Every
/// rtnh_len is checked against what remains before anything is sliced.
/// </summary>
public ref struct NextHopEnumerator
{
    private const int HeaderLength = 8; // sizeof(struct rtnexthop)

    private ReadOnlySpan<byte> _remaining;

    internal NextHopEnumerator(ReadOnlySpan<byte> multipath)
    {
        _remaining = multipath;
        Current = default;
    }

    /// <summary>The current path.</summary>
    public NextHopMessage Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This.</returns>
    public readonly NextHopEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next path.</summary>
    /// <returns><see langword="false"/> after the last.</returns>
    /// <exception cref="NetlinkException">A path is malformed (EBADMSG).</exception>
    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        var header = FixedHeader.Read<rtnexthop>(_remaining, "a next hop header");
        int length = header.rtnh_len;
        if (length < HeaderLength || length > _remaining.Length)
        {
            ThrowHelper.ThrowMalformed("a next hop", length, _remaining.Length);
        }

        ReadOnlySpan<byte> gateway = default;
        foreach (var attribute in new NetlinkAttributeEnumerator(_remaining[HeaderLength..length]))
        {
            if (attribute.Type == Rta.Gateway)
            {
                gateway = AddressMessage.ValidAddress(attribute.Value);
            }
        }

        Current = new NextHopMessage(header.rtnh_ifindex, header.rtnh_hops + 1, header.rtnh_flags, gateway);
        _remaining = _remaining[Math.Min(Nlmsg.Align(length), _remaining.Length)..];
        return true;
    }
}
