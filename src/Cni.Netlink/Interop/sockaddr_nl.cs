using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

/// <summary>struct sockaddr_nl (linux/netlink.h): a netlink socket's address.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct sockaddr_nl
{
    public ushort nl_family;
    public ushort nl_pad;
    public uint nl_pid;
    public uint nl_groups;
}
