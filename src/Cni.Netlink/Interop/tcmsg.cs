using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct tcmsg (linux/rtnetlink.h): the fixed part of RTM_*QDISC and RTM_*TFILTER messages, 20 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tcmsg
{
    public byte tcm_family;
    public byte tcm__pad1;
    public ushort tcm__pad2;
    public int tcm_ifindex;
    public uint tcm_handle;
    public uint tcm_parent;

    /// <summary>For a filter: its priority in the upper 16 bits, its protocol (network byte order) in the lower.</summary>
    public uint tcm_info;
}
