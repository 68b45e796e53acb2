using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Cni.Netlink;

namespace Cni.Cluster.Internal;

/// <summary>Creates the VXLAN device of <see cref="VxlanDataPlane"/>, or reuses the one that is there when its settings match.</summary>
internal static class VxlanDevice
{
    private const int HostPrefixLength = 32;

    /// <summary>Finds or makes the device, up, with its MTU and its one IPv4 address.</summary>
    /// <returns>The device as it is now.</returns>
    public static LinkInfo Ensure(NetlinkSocket socket, Settings settings)
    {
        var mtu = socket.GetLink(settings.UnderlayIndex).Mtu - VxlanDataPlane.Overhead;
        var device = new LinkInfo();
        if (socket.TryGetLink(settings.Name, device) && !settings.MatchedBy(device))
        {
            socket.DeleteLink(device.Index);
        }

        if (!socket.TryGetLink(settings.Name, device))
        {
            socket.AddLink(new VxlanSpec(settings.Name, settings.Vni)
            {
                Local = settings.UnderlayAddress,
                Port = settings.Port,
                UnderlayIndex = settings.UnderlayIndex,
                Learning = false,
                Mtu = mtu,
                HardwareAddress = settings.HardwareAddress,
            });
            socket.TryGetLink(settings.Name, device);
        }

        if (device.Mtu != mtu)
        {
            socket.SetLinkMtu(device.Index, mtu);
        }

        KeepOnlyAddress(socket, device.Index, settings.Address);
        if (!device.IsUp)
        {
            socket.SetLinkUp(device.Index);
        }

        return socket.GetLink(device.Index);
    }

    /// <summary>The device holds this node's block network address as a /32 and no other IPv4 address (an old block's, after the node got a new one).</summary>
    private static void KeepOnlyAddress(NetlinkSocket socket, int device, IPAddress address)
    {
        var present = false;
        var others = new List<(IPAddress Address, int PrefixLength)>();
        foreach (var message in socket.DumpAddresses(AddressFamily.InterNetwork, device))
        {
            var held = new IPAddress(message.AddressBytes);
            if (held.Equals(address) && message.PrefixLength == HostPrefixLength)
            {
                present = true;
            }
            else
            {
                others.Add((held, message.PrefixLength));
            }
        }

        foreach (var (other, prefixLength) in others)
        {
            socket.DeleteAddress(device, other, prefixLength);
        }

        if (!present)
        {
            socket.AddAddress(device, address, HostPrefixLength);
        }
    }

    /// <summary>What the device must be.</summary>
    public sealed record Settings(string Name, int Vni, ushort Port, int UnderlayIndex, IPAddress UnderlayAddress, IPAddress Address, PhysicalAddress HardwareAddress)
    {
        /// <summary>Whether an existing link is this device: a VXLAN link with this VNI, port, source, underlay and MAC, learning off.</summary>
        public bool MatchedBy(LinkInfo link)
            => link.Vxlan is { } vxlan
                && vxlan.Vni == Vni
                && vxlan.Port == Port
                && vxlan.UnderlayIndex == UnderlayIndex
                && UnderlayAddress.Equals(vxlan.Local)
                && !vxlan.Learning
                && link.HardwareAddress.SequenceEqual(HardwareAddress.GetAddressBytes());
    }
}
