namespace Cni.Netlink.Interop;

/// <summary>Message types and header flags from linux/netlink.h.</summary>
internal static class NetlinkProtocol
{
    public const int HeaderLength = 16;
    public const int AttributeHeaderLength = 4;

    public const ushort NlmsgNoop = 1;
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort NlmsgOverrun = 4;

    public const ushort NlmFRequest = 0x1;
    public const ushort NlmFMulti = 0x2;
    public const ushort NlmFAck = 0x4;
    public const ushort NlmFDumpIntr = 0x10;
    public const ushort NlmFDump = 0x300;
    public const ushort NlmFReplace = 0x100;
    public const ushort NlmFExcl = 0x200;
    public const ushort NlmFCreate = 0x400;
    public const ushort NlmFCapped = 0x100;
    public const ushort NlmFAckTlvs = 0x200;

    public const ushort NlaFNested = 0x8000;
    public const ushort NlaFNetByteOrder = 0x4000;
    public const ushort NlaTypeMask = 0x3fff;

    public const ushort NlmsgerrAttrMsg = 1;

    /// <summary>NLMSG_ALIGN / RTA_ALIGN: netlink pads messages and attributes to 4 bytes.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
