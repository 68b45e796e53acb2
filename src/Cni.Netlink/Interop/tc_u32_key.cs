using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct tc_u32_key (linux/pkt_cls.h): one 32-bit match of a u32 selector, 16 bytes; mask and val in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tc_u32_key
{
    public uint mask;
    public uint val;
    public int off;
    public int offmask;
}
