using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct tc_u32_sel (linux/pkt_cls.h): TCA_U32_SEL's header, 16 bytes, followed by nkeys <see cref="tc_u32_key"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tc_u32_sel
{
    public byte flags;
    public byte offshift;
    public byte nkeys;
    public byte pad;
    public ushort offmask;
    public ushort off;
    public short offoff;
    public short hoff;
    public uint hmask;
}
