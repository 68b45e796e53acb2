using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct tc_tbf_qopt (linux/pkt_sched.h): TCA_TBF_PARMS, 36 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct tc_tbf_qopt
{
    public tc_ratespec rate;
    public tc_ratespec peakrate;

    /// <summary>Bytes that may wait in the queue.</summary>
    public uint limit;

    /// <summary>The bucket's size as the time to send it at <see cref="rate"/>, in scheduler ticks.</summary>
    public uint buffer;

    /// <summary>The peak bucket's size as the time to send it at <see cref="peakrate"/>, in scheduler ticks.</summary>
    public uint mtu;
}
