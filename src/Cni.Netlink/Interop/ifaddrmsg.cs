using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct ifaddrmsg (linux/if_addr.h): the fixed part of RTM_*ADDR messages, 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifaddrmsg
{
    public byte ifa_family;
    public byte ifa_prefixlen;
    public byte ifa_flags;
    public byte ifa_scope;
    public uint ifa_index;
}
