using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct gnet_stats_basic (linux/gen_stats.h): TCA_STATS_BASIC, what went through; 12 bytes of fields, which a 64-bit kernel pads to 16.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct gnet_stats_basic
{
    public ulong bytes;
    public uint packets;
}
