using System.Runtime.InteropServices;

namespace Cni.Netlink.Interop;

#pragma warning disable CS8981 // Named exactly like the kernel's struct so it can be matched against the uapi header.

/// <summary>struct bridge_vlan_info (linux/if_bridge.h): one VLAN of IFLA_BRIDGE_VLAN_INFO, 4 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct bridge_vlan_info
{
    public ushort flags;
    public ushort vid;
}
