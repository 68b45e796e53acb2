using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct fib_rule_hdr (linux/fib_rules.h): the fixed part of RTM_*RULE messages, 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fib_rule_hdr
{
    public byte family;
    public byte dst_len;
    public byte src_len;
    public byte tos;
    public byte table;
    public byte res1;
    public byte res2;
    public byte action;
    public uint flags;
}
