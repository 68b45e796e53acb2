using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// The neighbour entries of a dump (<see cref="NetlinkSocket.DumpNeighbors"/>), read in place with <c>foreach</c>.
/// Valid until the next dump on the same socket.
/// </summary>
public ref struct NeighborDump
{
    private readonly NetlinkSocket? _socket;
    private readonly int _generation;
    private readonly uint _sequence;
    private NetlinkMessageEnumerator _messages;

    internal NeighborDump(NetlinkSocket? socket, ReadOnlySpan<byte> messages, uint sequence, int generation)
    {
        _socket = socket;
        _messages = new NetlinkMessageEnumerator(messages);
        _sequence = sequence;
        _generation = generation;
        Current = default;
    }

    /// <summary>The current entry.</summary>
    public NeighborMessage Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This.</returns>
    public readonly NeighborDump GetEnumerator() => this;

    /// <summary>Moves to the next entry.</summary>
    /// <returns><see langword="false"/> after the last.</returns>
    /// <exception cref="InvalidOperationException">Another dump replaced this one.</exception>
    /// <exception cref="NetlinkException">A message is malformed.</exception>
    public bool MoveNext()
    {
        _socket?.CheckDump(_generation);
        while (_messages.MoveNext())
        {
            var message = _messages.Current;
            if (message.Sequence == _sequence && message.Type == Rtm.NewNeigh)
            {
                Current = NeighborMessage.Parse(message.Payload);
                return true;
            }
        }

        return false;
    }
}
