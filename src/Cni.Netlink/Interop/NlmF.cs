namespace Cni.Netlink.Interop;

/// <summary>The flags of <see cref="nlmsghdr"/> (NLM_F_*, linux/netlink.h); some values mean different things for new, get and error messages.</summary>
internal static class NlmF
{
    public const ushort Request = 0x1;
    public const ushort Multi = 0x2;
    public const ushort Ack = 0x4;
    public const ushort DumpIntr = 0x10;
    public const ushort Dump = 0x300;
    public const ushort Replace = 0x100;
    public const ushort Excl = 0x200;
    public const ushort Create = 0x400;
    public const ushort Append = 0x800;
    public const ushort Capped = 0x100;
    public const ushort AckTlvs = 0x200;
}
