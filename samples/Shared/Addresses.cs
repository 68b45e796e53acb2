using System.Net;
using Cni.Netlink;

namespace Cni.Samples;

/// <summary>Adding an address as the reference does: an IPv4 address shorter than /31 gets its subnet's broadcast address.</summary>
internal static class Addresses
{
    public static void Add(NetlinkSocket socket, int linkIndex, IPCidr address)
    {
        if (address.IsIPv4 && address.PrefixLength < 31)
        {
            socket.AddAddress(linkIndex, address.Address, address.PrefixLength, Broadcast(address));
        }
        else
        {
            socket.AddAddress(linkIndex, address.Address, address.PrefixLength);
        }
    }

    // The subnet's last address: 10.22.0.5/16 gives 10.22.255.255.
    private static IPAddress Broadcast(IPCidr address)
    {
        var bytes = address.Address.GetAddressBytes();
        for (var bit = address.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
