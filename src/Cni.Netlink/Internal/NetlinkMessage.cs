namespace Cni.Netlink.Internal;

/// <summary>One netlink message: its header fields and its payload, already checked against the buffer.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, uint portId, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        PortId = portId;
        Payload = payload;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public uint Sequence { get; }

    public uint PortId { get; }

    /// <summary>The bytes after the 16-byte header, up to nlmsg_len (padding excluded).</summary>
    public ReadOnlySpan<byte> Payload { get; }
}
