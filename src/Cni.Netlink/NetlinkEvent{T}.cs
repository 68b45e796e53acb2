namespace Cni.Netlink;

/// <summary>An object of the kernel added, changed or deleted, as an owned copy that stays valid after the stream moves on.</summary>
/// <typeparam name="T">
/// <see cref="LinkInfo"/>, <see cref="InterfaceAddress"/>, <see cref="Route"/>, <see cref="Neighbor"/>,
/// <see cref="Rule"/> or <see cref="FdbEntry"/>.
/// </typeparam>
public sealed class NetlinkEvent<T> : NetlinkEvent
{
    internal NetlinkEvent(NetlinkChange change, T value)
    {
        Change = change;
        Value = value;
    }

    /// <summary>Whether the object is new (or changed) or deleted.</summary>
    public NetlinkChange Change { get; }

    /// <summary>The object as the kernel described it in the notification.</summary>
    public T Value { get; }

    /// <summary>Describes the event, for logs.</summary>
    /// <returns>The change and the object.</returns>
    public override string ToString() => $"{Change} {Value}";
}
