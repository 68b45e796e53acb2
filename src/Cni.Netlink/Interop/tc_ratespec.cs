using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct tc_ratespec (linux/pkt_sched.h): a rate and how its rate table was computed, 12 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tc_ratespec
{
    public byte cell_log;
    public byte linklayer;
    public ushort overhead;
    public short cell_align;
    public ushort mpu;

    /// <summary>Bytes per second; 0xFFFFFFFF when the rate needs 64 bits (then TCA_*_RATE64 carries it).</summary>
    public uint rate;
}
