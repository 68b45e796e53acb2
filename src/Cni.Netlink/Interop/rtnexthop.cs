using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct rtnexthop (linux/rtnetlink.h): one next hop of RTA_MULTIPATH, 8 bytes, followed by its attributes (RTA_GATEWAY); rtnh_len covers both.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct rtnexthop
{
    public ushort rtnh_len;
    public byte rtnh_flags;
    public byte rtnh_hops;
    public int rtnh_ifindex;
}
