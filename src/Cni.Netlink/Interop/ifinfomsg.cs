using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct ifinfomsg (linux/rtnetlink.h): the fixed part of RTM_*LINK messages, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifinfomsg
{
    public byte ifi_family;
    public byte ifi_pad;
    public ushort ifi_type;
    public int ifi_index;
    public uint ifi_flags;
    public uint ifi_change;
}
