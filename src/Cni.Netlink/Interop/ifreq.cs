using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct ifreq (linux/if.h) as TUNSETIFF reads it: the name, then the union whose first member TUNSETIFF uses is ifr_flags; 40 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
internal struct ifreq
{
    public Name ifr_name;
    public short ifr_flags;

    /// <summary>char ifr_name[IFNAMSIZ], IFNAMSIZ being 16 with the NUL.</summary>
    [InlineArray(16)]
    public struct Name
    {
        private byte _element;
    }
}
