using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct rtmsg (linux/rtnetlink.h): the fixed part of RTM_*ROUTE messages, 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct rtmsg
{
    public byte rtm_family;
    public byte rtm_dst_len;
    public byte rtm_src_len;
    public byte rtm_tos;
    public byte rtm_table;
    public byte rtm_protocol;
    public byte rtm_scope;
    public byte rtm_type;
    public uint rtm_flags;
}
