namespace Cni.Ipam.Interop;

/// <summary>Values from the kernel's uapi and glibc headers used by the <see cref="Libc"/> calls (the same on x86-64 and arm64).</summary>
internal static class LibcConstants
{
    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int ORdWr = 2;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int OTrunc = 0x200;
    public const int OCloexec = 0x80000;

    public const int LockEx = 2;
    public const int LockUn = 8;

    public const int SeekSet = 0;

    public const int WOk = 2;

    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStats = 0x7ff;

    // struct statx (include/uapi/linux/stat.h): 256 bytes, the same layout on every architecture.
    public const int StatxSize = 256;
    public const int StatxInoOffset = 32;
    public const int StatxCtimeOffset = 96;
    public const int StatxMtimeOffset = 112;

    // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    public const int DirentRecordLengthOffset = 16;
    public const int DirentTypeOffset = 18;
    public const int DirentNameOffset = 19;
    public const byte DtDir = 4;

    public const int ClockRealtimeCoarse = 5;

    // struct statfs: f_type (a long) comes first on x86-64 and arm64; the whole struct is 120 bytes.
    public const int StatfsSize = 120;
    public const long Ext4SuperMagic = 0xEF53;
    public const long XfsSuperMagic = 0x58465342;
    public const long BtrfsSuperMagic = 0x9123683E;
    public const long TmpfsMagic = 0x01021994;

    public const int EIntr = 4;
    public const int ENoEnt = 2;
    public const int EExist = 17;
}
