using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// The links of a dump (<see cref="NetlinkSocket.DumpLinks"/>), read in place with <c>foreach</c>.
/// Valid until the next dump on the same socket.
/// </summary>
public ref struct LinkDump
{
    private readonly NetlinkSocket? _socket;
    private readonly int _generation;
    private readonly uint _sequence;
    private NetlinkMessageEnumerator _messages;

    internal LinkDump(NetlinkSocket? socket, ReadOnlySpan<byte> messages, uint sequence, int generation)
    {
        _socket = socket;
        _messages = new NetlinkMessageEnumerator(messages);
        _sequence = sequence;
        _generation = generation;
        Current = default;
    }

    /// <summary>The current link.</summary>
    public LinkMessage Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This.</returns>
    public readonly LinkDump GetEnumerator() => this;

    /// <summary>Moves to the next link.</summary>
    /// <returns><see langword="false"/> after the last.</returns>
    /// <exception cref="InvalidOperationException">Another dump replaced this one.</exception>
    /// <exception cref="NetlinkException">A message is malformed.</exception>
    public bool MoveNext()
    {
        _socket?.CheckDump(_generation);
        while (_messages.MoveNext())
        {
            var message = _messages.Current;
            if (message.Sequence == _sequence && message.Type == Rtm.NewLink)
            {
                Current = LinkMessage.Parse(message.Payload);
                return true;
            }
        }

        return false;
    }
}
