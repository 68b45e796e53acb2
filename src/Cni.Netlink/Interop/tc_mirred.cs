using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct tc_mirred (linux/tc_act/tc_mirred.h): TCA_MIRRED_PARMS, tc_gen's five fields then the mirred ones, 28 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tc_mirred
{
    public uint index;
    public uint capab;

    /// <summary>What happens to the packet afterwards (TC_ACT_*).</summary>
    public int action;
    public int refcnt;
    public int bindcnt;

    /// <summary>Mirror or redirect, to egress or ingress (<see cref="TcaEaction"/>).</summary>
    public int eaction;
    public uint ifindex;
}
