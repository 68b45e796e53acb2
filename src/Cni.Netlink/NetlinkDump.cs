using Cni.Netlink.Internal.Reading;

namespace Cni.Netlink;

/// <summary>
/// The objects of a dump (<see cref="NetlinkSocket.DumpLinks"/>, <see cref="NetlinkSocket.DumpRoutes"/>, ...),
/// read in place with <c>foreach</c>. Valid until the next dump on the same socket.
/// </summary>
/// <typeparam name="T">The message type: <see cref="LinkMessage"/>, <see cref="RouteMessage"/>, ...</typeparam>
public ref struct NetlinkDump<T>
    where T : INetlinkMessage<T>, allows ref struct
{
    private readonly NetlinkSocket? _socket;
    private readonly int _generation;
    private readonly uint _sequence;
    private NetlinkMessageEnumerator _messages;

    internal NetlinkDump(NetlinkSocket? socket, ReadOnlySpan<byte> messages, uint sequence, int generation)
    {
        _socket = socket;
        _messages = new NetlinkMessageEnumerator(messages);
        _sequence = sequence;
        _generation = generation;
        Current = default!;
    }

    /// <summary>The current object.</summary>
    public T Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This.</returns>
    public readonly NetlinkDump<T> GetEnumerator() => this;

    /// <summary>Moves to the next object.</summary>
    /// <returns><see langword="false"/> after the last.</returns>
    /// <exception cref="InvalidOperationException">Another dump replaced this one.</exception>
    /// <exception cref="NetlinkException">A message is malformed.</exception>
    public bool MoveNext()
    {
        _socket?.CheckDump(_generation);
        while (_messages.MoveNext())
        {
            var message = _messages.Current;
            if (message.Sequence == _sequence && message.Type == T.MessageType)
            {
                Current = T.Parse(message.Payload);
                return true;
            }
        }

        return false;
    }
}
