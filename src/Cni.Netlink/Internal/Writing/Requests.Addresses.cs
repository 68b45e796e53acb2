using System.Net;
using Cni.Netlink.Internal;
using Cni.Netlink.Interop;

namespace Cni.Netlink.Internal.Writing;

internal static partial class Requests
{
    /// <summary>RTM_NEWADDR or RTM_DELADDR: IFA_LOCAL and IFA_ADDRESS both the address, as <c>ip addr</c> sends them, and IFA_BROADCAST when given.</summary>
    public static void Address(
        ref NetlinkWriter writer,
        uint sequence,
        ushort type,
        ushort flags,
        int linkIndex,
        IPAddress address,
        int prefixLength,
        AddressFlags addressFlags,
        RouteScope scope,
        IPAddress? broadcast = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var family = AddressFamilies.Of(address);
        CheckPrefix(prefixLength, family, nameof(prefixLength));
        writer.BeginMessage(type, flags, sequence);
        ref var header = ref writer.Reserve<ifaddrmsg>();
        header.ifa_family = family;
        header.ifa_prefixlen = (byte)prefixLength;
        header.ifa_flags = (byte)addressFlags;
        header.ifa_scope = (byte)scope;
        header.ifa_index = (uint)linkIndex;
        writer.PutAddress(Ifa.Local, address);
        writer.PutAddress(Ifa.Address, address);
        if (broadcast is not null)
        {
            if (AddressFamilies.Of(broadcast) != family)
            {
                ThrowHelper.ThrowArgument("The broadcast address is not of the address's family.", nameof(broadcast));
            }

            writer.PutAddress(Ifa.Broadcast, broadcast);
        }

        if ((uint)addressFlags > byte.MaxValue)
        {
            writer.PutUInt32(Ifa.Flags, (uint)addressFlags);
        }

        writer.EndMessage();
    }

    public static void DumpAddresses(ref NetlinkWriter writer, uint sequence, byte family, int linkIndex)
    {
        writer.BeginMessage(Rtm.GetAddr, DumpRequest, sequence);
        ref var header = ref writer.Reserve<ifaddrmsg>();
        header.ifa_family = family;
        header.ifa_index = (uint)linkIndex;
        writer.EndMessage();
    }

    private static void CheckPrefix(int prefixLength, byte family, string parameter)
    {
        if (prefixLength < 0 || prefixLength > (family == AddressFamilies.Inet6 ? 128 : 32))
        {
            ThrowHelper.ThrowArgument($"Prefix length {prefixLength} does not fit the address family.", parameter);
        }
    }
}
