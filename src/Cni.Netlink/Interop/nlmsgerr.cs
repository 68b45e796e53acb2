using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct nlmsgerr (linux/netlink.h): the payload of NLMSG_ERROR; error 0 is an acknowledgement.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlmsgerr
{
    public int error;
    public nlmsghdr msg;
}
