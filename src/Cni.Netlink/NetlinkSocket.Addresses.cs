using System.Net;
using System.Net.Sockets;
using Cni.Netlink.Internal;
using Cni.Netlink.Internal.Writing;
using Cni.Netlink.Interop;

namespace Cni.Netlink;

public sealed partial class NetlinkSocket
{
    /// <summary>Adds an address to a link (RTM_NEWADDR with NLM_F_CREATE | NLM_F_EXCL); no broadcast address is set.</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <param name="address">The address (host bits kept: 10.0.0.5 with prefix 24).</param>
    /// <param name="prefixLength">The prefix length; its prefix route is added unless <see cref="AddressFlags.NoPrefixRoute"/>.</param>
    /// <param name="flags">Flags, for example <see cref="AddressFlags.NoDad"/> for IPv6.</param>
    /// <param name="scope">The scope.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the link has it).</exception>
    public void AddAddress(int linkIndex, IPAddress address, int prefixLength, AddressFlags flags = AddressFlags.None, RouteScope scope = RouteScope.Universe)
        => Address(Rtm.NewAddr, Requests.CreateExclusive, linkIndex, address, prefixLength, flags, scope, "add address");

    /// <summary>
    /// Adds an IPv4 address with its broadcast address (IFA_BROADCAST), as <c>ip addr add ... brd +</c>
    /// does and the Go CNI plugins do for every IPv4 address shorter than /31.
    /// </summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <param name="address">The address (host bits kept).</param>
    /// <param name="prefixLength">The prefix length.</param>
    /// <param name="broadcast">The broadcast address, usually the subnet's last address (10.22.255.255 for 10.22.0.5/16).</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsExists"/> when the link has it).</exception>
    public void AddAddress(int linkIndex, IPAddress address, int prefixLength, IPAddress broadcast)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        Address(Rtm.NewAddr, Requests.CreateExclusive, linkIndex, address, prefixLength, AddressFlags.None, RouteScope.Universe, "add address", broadcast);
    }

    /// <summary>Adds an address or updates its flags and scope when the link has it (NLM_F_CREATE | NLM_F_REPLACE).</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <param name="address">The address.</param>
    /// <param name="prefixLength">The prefix length.</param>
    /// <param name="flags">Flags.</param>
    /// <param name="scope">The scope.</param>
    /// <exception cref="NetlinkException">The kernel refused.</exception>
    public void ReplaceAddress(int linkIndex, IPAddress address, int prefixLength, AddressFlags flags = AddressFlags.None, RouteScope scope = RouteScope.Universe)
        => Address(Rtm.NewAddr, Requests.CreateOrReplace, linkIndex, address, prefixLength, flags, scope, "replace address");

    /// <summary>Removes an address from a link.</summary>
    /// <param name="linkIndex">The link's index.</param>
    /// <param name="address">The address.</param>
    /// <param name="prefixLength">Its prefix length.</param>
    /// <exception cref="NetlinkException">The kernel refused (<see cref="NetlinkException.IsNotFound"/> when the link does not have it).</exception>
    public void DeleteAddress(int linkIndex, IPAddress address, int prefixLength)
        => Address(Rtm.DelAddr, Requests.Ack, linkIndex, address, prefixLength, AddressFlags.None, RouteScope.Universe, "delete address");

    /// <summary>Lists addresses, filtered by the kernel.</summary>
    /// <param name="family">IPv4, IPv6, or <see cref="AddressFamily.Unspecified"/> for both.</param>
    /// <param name="linkIndex">Only this link's, or 0 for every link's.</param>
    /// <returns>The addresses, to read with <c>foreach</c>; valid until the next dump on this socket.</returns>
    /// <exception cref="NetlinkException">The dump failed.</exception>
    public NetlinkDump<AddressMessage> DumpAddresses(AddressFamily family = AddressFamily.Unspecified, int linkIndex = 0)
    {
        var linuxFamily = AddressFamilies.ToLinux(family);
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.DumpAddresses(ref writer, sequence, linuxFamily, linkIndex);
            var messages = Dump(_send.AsSpan(0, writer.Written.Length), sequence, "dump addresses", out var generation, out var replySequence);
            return new NetlinkDump<AddressMessage>(this, messages, replySequence, generation);
        }
    }

    private void Address(ushort type, ushort flags, int linkIndex, IPAddress address, int prefixLength, AddressFlags addressFlags, RouteScope scope, string operation, IPAddress? broadcast = null)
    {
        lock (_lock)
        {
            var writer = StartRequest(out var sequence);
            Requests.Address(ref writer, sequence, type, flags, linkIndex, address, prefixLength, addressFlags, scope, broadcast);
            Acknowledge(writer.Written, sequence, operation);
        }
    }
}
