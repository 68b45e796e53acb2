namespace Cni.Netlink;

/// <summary>
/// A kernel object read in place from a netlink message: what <see cref="NetlinkDump{T}"/> needs to
/// pick its messages out of a reply and read them. Implemented by the message types a dump yields
/// (<see cref="LinkMessage"/>, <see cref="AddressMessage"/>, <see cref="RouteMessage"/>,
/// <see cref="NeighborMessage"/>, <see cref="FdbMessage"/>, <see cref="RuleMessage"/>, <see cref="BridgePortMessage"/>) and by
/// no other type: its members are internal.
/// </summary>
/// <typeparam name="TSelf">The message type itself.</typeparam>
public interface INetlinkMessage<TSelf>
    where TSelf : INetlinkMessage<TSelf>, allows ref struct
{
    /// <summary>The RTM_NEW* type of the messages this type reads.</summary>
    internal static abstract ushort MessageType { get; }

    /// <summary>Reads a message's payload (fixed header and attributes), checking every length.</summary>
    internal static abstract TSelf Parse(ReadOnlySpan<byte> payload);
}
