using System.Net;
using System.Net.Sockets;
using System.Text;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Reading;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

/// <summary>An interface address as the kernel described it (RTM_NEWADDR), read in place.</summary>
public readonly ref struct AddressMessage : INetlinkMessage<AddressMessage>
{
    static ushort INetlinkMessage<AddressMessage>.MessageType => Rtm.NewAddr;

    static AddressMessage INetlinkMessage<AddressMessage>.Parse(ReadOnlySpan<byte> payload) => Parse(payload);

    private readonly byte _family;

    private AddressMessage(ifaddrmsg header)
    {
        _family = header.ifa_family;
        PrefixLength = header.ifa_prefixlen;
        Scope = (RouteScope)header.ifa_scope;
        LinkIndex = (int)header.ifa_index;
    }

    /// <summary>IPv4 or IPv6.</summary>
    public AddressFamily Family => AddressFamilies.FromLinux(_family);

    /// <summary>The prefix length.</summary>
    public int PrefixLength { get; }

    /// <summary>The flags (IFA_FLAGS when present, else ifa_flags).</summary>
    public AddressFlags Flags { get; private init; }

    /// <summary>The scope.</summary>
    public RouteScope Scope { get; }

    /// <summary>The index of the link it is on.</summary>
    public int LinkIndex { get; }

    /// <summary>The local address (IFA_LOCAL, else IFA_ADDRESS) in network byte order.</summary>
    public ReadOnlySpan<byte> AddressBytes { get; private init; }

    /// <summary>The peer address of a point-to-point address (IFA_ADDRESS when it differs from IFA_LOCAL), else empty.</summary>
    public ReadOnlySpan<byte> PeerBytes { get; private init; }

    /// <summary>The broadcast address (IFA_BROADCAST), empty when none.</summary>
    public ReadOnlySpan<byte> BroadcastBytes { get; private init; }

    /// <summary>The label (IFA_LABEL, IPv4 only) in UTF-8.</summary>
    public ReadOnlySpan<byte> LabelUtf8 { get; private init; }

    /// <summary>The address (allocates).</summary>
    /// <returns>The address.</returns>
    public IPAddress GetAddress() => new(AddressBytes);

    /// <summary>The label as a string (allocates).</summary>
    /// <returns>The label, empty when none.</returns>
    public string GetLabel() => Encoding.UTF8.GetString(LabelUtf8);

    /// <summary>An owned copy of the address (allocates), to keep after the message's buffer is reused.</summary>
    /// <returns>The copy.</returns>
    public InterfaceAddress ToInterfaceAddress() => new()
    {
        LinkIndex = LinkIndex,
        Address = GetAddress(),
        PrefixLength = PrefixLength,
        Flags = Flags,
        Scope = Scope,
        Peer = PeerBytes.IsEmpty ? null : new IPAddress(PeerBytes),
        Broadcast = BroadcastBytes.IsEmpty ? null : new IPAddress(BroadcastBytes),
        Label = LabelUtf8.IsEmpty ? null : GetLabel(),
    };

    internal static AddressMessage Parse(ReadOnlySpan<byte> payload)
    {
        var attributes = NetlinkAttributeEnumerator.AfterHeader(payload, out ifaddrmsg header);
        ReadOnlySpan<byte> address = default, local = default, label = default, broadcast = default;
        var flags = (uint)header.ifa_flags;
        foreach (var attribute in new NetlinkAttributeEnumerator(attributes))
        {
            switch (attribute.Type)
            {
                case Ifa.Address:
                    address = ValidAddress(attribute.Value);
                    break;
                case Ifa.Local:
                    local = ValidAddress(attribute.Value);
                    break;
                case Ifa.Broadcast:
                    broadcast = ValidAddress(attribute.Value);
                    break;
                case Ifa.Label:
                    label = attribute.GetStringUtf8();
                    break;
                case Ifa.Flags:
                    flags = attribute.GetUInt32();
                    break;
            }
        }

        if (local.IsEmpty && address.IsEmpty)
        {
            ThrowHelper.ThrowMalformed("an address message without IFA_LOCAL or IFA_ADDRESS");
        }

        var peer = !local.IsEmpty && !address.IsEmpty && !local.SequenceEqual(address) ? address : default;
        return new AddressMessage(header)
        {
            Flags = (AddressFlags)flags,
            AddressBytes = local.IsEmpty ? address : local,
            PeerBytes = peer,
            BroadcastBytes = broadcast,
            LabelUtf8 = label,
        };
    }

    internal static ReadOnlySpan<byte> ValidAddress(ReadOnlySpan<byte> value)
    {
        if (value.Length is not (4 or 16))
        {
            ThrowHelper.ThrowMalformed("an IP address attribute", 4, value.Length);
        }

        return value;
    }
}
