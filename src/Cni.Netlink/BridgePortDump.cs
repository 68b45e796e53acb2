using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>
/// The bridge ports and bridges of a bridge dump (<see cref="NetlinkSocket.DumpBridgePorts"/>), read in place with <c>foreach</c>.
/// Valid until the next dump on the same socket.
/// </summary>
public ref struct BridgePortDump
{
    private readonly NetlinkSocket? _socket;
    private readonly int _generation;
    private readonly uint _sequence;
    private NetlinkMessageEnumerator _messages;

    internal BridgePortDump(NetlinkSocket? socket, ReadOnlySpan<byte> messages, uint sequence, int generation)
    {
        _socket = socket;
        _messages = new NetlinkMessageEnumerator(messages);
        _sequence = sequence;
        _generation = generation;
        Current = default;
    }

    /// <summary>The current port or bridge.</summary>
    public BridgePortMessage Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This.</returns>
    public readonly BridgePortDump GetEnumerator() => this;

    /// <summary>Moves to the next port or bridge.</summary>
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
                Current = BridgePortMessage.Parse(message.Payload);
                return true;
            }
        }

        return false;
    }
}
