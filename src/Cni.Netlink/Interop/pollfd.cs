using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the C library's struct so it can be matched against poll.h.

/// <summary>struct pollfd (poll.h): a descriptor to wait on and the events seen.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct pollfd
{
    public int fd;
    public short events;
    public short revents;
}
