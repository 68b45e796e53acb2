namespace Cni.Netlink.Interop;

/// <summary>Values from the kernel's uapi and glibc headers used by the <see cref="Libc"/> calls.</summary>
internal static class LibcConstants
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int NetlinkRoute = 0;

    public const int SolSocket = 1;
    public const int SolNetlink = 270;
    public const int NetlinkCapAck = 10;
    public const int NetlinkExtAck = 11;
    public const int NetlinkGetStrictChk = 12;
    public const int SoRcvBuf = 8;
    public const int SoRcvBufForce = 33;

    public const int FDupFdCloexec = 1030;

    public const int MsgTrunc = 0x20;
    public const int MsgDontWait = 0x40;
    public const short PollIn = 0x1;

    public const int ORdOnly = 0;
    public const int ORdWr = 2;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int OCloexec = 0x80000;

    public const int CloneNewNet = 0x40000000;

    public const nuint MsBind = 4096;
    public const nuint MsRec = 16384;
    public const nuint MsShared = 1 << 20;
    public const int MntDetach = 2;
}
