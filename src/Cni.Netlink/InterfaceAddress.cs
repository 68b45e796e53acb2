using System.Net;

namespace Cni.Netlink;

/// <summary>
/// An interface address as an owned copy: what <see cref="AddressMessage.ToInterfaceAddress"/> returns
/// and an address event carries, so it outlives the buffer the message was read from.
/// </summary>
public record struct InterfaceAddress
{
    /// <summary>The index of the link it is on.</summary>
    public int LinkIndex { get; set; }

    /// <summary>The local address (IFA_LOCAL, else IFA_ADDRESS).</summary>
    public IPAddress? Address { get; set; }

    /// <summary>The prefix length.</summary>
    public int PrefixLength { get; set; }

    /// <summary>The flags (<see cref="AddressFlags.Tentative"/> while IPv6 duplicate address detection runs, ...).</summary>
    public AddressFlags Flags { get; set; }

    /// <summary>The scope.</summary>
    public RouteScope Scope { get; set; }

    /// <summary>The peer of a point-to-point address, else <see langword="null"/>.</summary>
    public IPAddress? Peer { get; set; }

    /// <summary>The broadcast address (IFA_BROADCAST), <see langword="null"/> when none.</summary>
    public IPAddress? Broadcast { get; set; }

    /// <summary>The label (IFA_LABEL, IPv4 only), <see langword="null"/> when none.</summary>
    public string? Label { get; set; }
}
