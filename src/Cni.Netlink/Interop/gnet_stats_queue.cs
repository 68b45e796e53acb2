using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct gnet_stats_queue (linux/gen_stats.h): TCA_STATS_QUEUE, 20 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct gnet_stats_queue
{
    public uint qlen;
    public uint backlog;
    public uint drops;
    public uint requeues;
    public uint overlimits;
}
