using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Reading;

/// <summary>One netlink message: its header fields and its payload, already checked against the buffer.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(scoped in nlmsghdr header, ReadOnlySpan<byte> payload)
    {
        Type = header.nlmsg_type;
        Flags = header.nlmsg_flags;
        Sequence = header.nlmsg_seq;
        PortId = header.nlmsg_pid;
        Payload = payload;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public uint Sequence { get; }

    public uint PortId { get; }

    /// <summary>The bytes after the 16-byte header, up to nlmsg_len (padding excluded).</summary>
    public ReadOnlySpan<byte> Payload { get; }
}
