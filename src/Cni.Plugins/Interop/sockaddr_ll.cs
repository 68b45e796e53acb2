using System.Runtime.InteropServices;

namespace Cni.Plugins.Interop;

/// <summary>struct sockaddr_ll (linux/if_packet.h): where a packet socket sends a frame.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct sockaddr_ll
{
    public ushort sll_family;

    /// <summary>The frame's EtherType, in network byte order.</summary>
    public ushort sll_protocol;

    public int sll_ifindex;
    public ushort sll_hatype;
    public byte sll_pkttype;
    public byte sll_halen;
    public fixed byte sll_addr[8];
}
