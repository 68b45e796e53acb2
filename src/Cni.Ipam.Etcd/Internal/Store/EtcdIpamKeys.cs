using System.Net;
using System.Text;

namespace Cni.Ipam.Etcd.Internal.Store;

/// <summary>
/// The keys of one network under the prefix:
/// <c>{prefix}/{network}/ips/{address}</c> holds the owner as host-local writes it
/// (<c>containerID\r\nifname</c>), the address written at fixed width (<c>010.022.000.005</c>,
/// IPv6 with all eight groups of four digits) so that key order is address order and a range read
/// returns the next taken addresses; <c>{prefix}/{network}/owners/{containerID}/{ifname}/{set}</c> holds
/// the address an attachment has in a range set, so a reservation can require it to be absent and DEL
/// finds an owner's addresses with one range read;
/// <c>{prefix}/{network}/last_reserved_ip.{set}</c> is the round-robin cursor of a range set and
/// <c>{prefix}/{network}/last_reserved_at.{set}</c> when and by whom it last moved.
/// </summary>
internal sealed class EtcdIpamKeys
{
    private readonly string _network;

    public EtcdIpamKeys(string prefix, string network)
    {
        _network = $"{prefix.TrimEnd('/')}/{network}/";
        Ips = Encoding.UTF8.GetBytes(_network + "ips/");
        Cursors = Encoding.UTF8.GetBytes(_network + "last_reserved_");
    }

    /// <summary>The prefix of every cursor and cursor stamp.</summary>
    public byte[] Cursors { get; }

    /// <summary>The prefix of every address key.</summary>
    public byte[] Ips { get; }

    public byte[] Address(IPAddress address) => Encoding.UTF8.GetBytes($"{_network}ips/{SortableAddress.Format(address)}");

    public byte[] Owner(IpamOwner owner, int rangeSetIndex) => Encoding.UTF8.GetBytes($"{_network}owners/{owner.ContainerId}/{owner.IfName}/{rangeSetIndex}");

    /// <summary>The prefix of an owner's keys; a legacy owner (no interface) matches all its interfaces.</summary>
    public byte[] OwnerPrefix(IpamOwner owner)
        => Encoding.UTF8.GetBytes(owner.IsLegacy ? $"{_network}owners/{owner.ContainerId}/" : $"{_network}owners/{owner.ContainerId}/{owner.IfName}/");

    public byte[] LastReserved(int rangeSetIndex) => Encoding.UTF8.GetBytes($"{_network}last_reserved_ip.{rangeSetIndex}");

    public byte[] LastReservedAt(int rangeSetIndex) => Encoding.UTF8.GetBytes($"{_network}last_reserved_at.{rangeSetIndex}");

    /// <summary>The owner of an address as host-local's files hold it.</summary>
    public static byte[] OwnerValue(IpamOwner owner)
        => Encoding.UTF8.GetBytes(owner.IsLegacy ? owner.ContainerId : $"{owner.ContainerId}\r\n{owner.IfName}");

    /// <summary>Reads an owner value; <see langword="null"/> when it is empty or not UTF-8 text.</summary>
    public static IpamOwner? ParseOwner(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var lines = text.Split("\r\n");
        return lines.Length switch
        {
            1 => new IpamOwner(lines[0], ""),
            2 when lines[0].Length > 0 => new IpamOwner(lines[0], lines[1]),
            _ => null,
        };
    }

    /// <summary>The address at the end of an address key (<c>.../ips/{address}</c>).</summary>
    public static IPAddress? AddressOf(ReadOnlySpan<byte> key)
    {
        var slash = key.LastIndexOf((byte)'/');
        return SortableAddress.TryParse(Encoding.UTF8.GetString(key[(slash + 1)..]), out var address) ? address : null;
    }

    /// <summary>The owner named by an owner key (<c>.../owners/{containerID}/{ifname}/{set}</c>).</summary>
    public static IpamOwner? OwnerOf(ReadOnlySpan<byte> key)
    {
        var parts = Encoding.UTF8.GetString(key).Split('/');
        return parts.Length >= 3 ? new IpamOwner(parts[^3], parts[^2]) : null;
    }
}
