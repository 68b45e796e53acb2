using System.Net;
using Cni.Plugins.Internal.Announcements;

namespace Cni.Plugins.Tests;

/// <summary>
/// The announcement packets, pinned by golden files (Golden/packets/*.hex). That a neighbour's
/// kernel takes them (a valid ARP, an ICMPv6 checksum it accepts) is shown in AnnouncementTests.
/// </summary>
public class AnnouncementPacketTests
{
    private static readonly byte[] Mac = [0x0a, 0x58, 0x0a, 0x16, 0x00, 0x05];

    [Fact]
    public void Gratuitous_ARP_is_a_request_from_and_for_the_address()
    {
        var packet = new byte[AnnouncementPackets.ArpLength];
        Assert.Equal(28, AnnouncementPackets.WriteGratuitousArp(packet, Mac, IPAddress.Parse("10.22.0.5")));
        Golden.Match("packets/gratuitous-arp.hex", Hex.Dump(packet));
    }

    [Fact]
    public void Unsolicited_neighbour_advertisement_overrides_with_the_MAC_as_option()
    {
        var packet = new byte[AnnouncementPackets.NeighborAdvertisementLength];
        Assert.Equal(72, AnnouncementPackets.WriteUnsolicitedNeighborAdvertisement(packet, Mac, IPAddress.Parse("fd00:22::5")));
        Golden.Match("packets/unsolicited-neighbor-advertisement.hex", Hex.Dump(packet));
    }

    [Fact]
    public void The_checksum_makes_the_ones_complement_sum_over_pseudo_header_and_message_zero()
    {
        var packet = new byte[AnnouncementPackets.NeighborAdvertisementLength];
        AnnouncementPackets.WriteUnsolicitedNeighborAdvertisement(packet, Mac, IPAddress.Parse("2001:db8::1234"));
        uint sum = 0;
        foreach (var range in (Range[])[8..24, 24..40, 40..72])
        {
            for (var i = range.Start.Value; i < range.End.Value; i += 2)
            {
                sum += (uint)((packet[i] << 8) | packet[i + 1]);
            }
        }

        sum += 32 + 58;
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        Assert.Equal(0xffffu, sum);
    }

    [Fact]
    public void The_wrong_family_or_MAC_length_is_refused()
    {
        var packet = new byte[AnnouncementPackets.NeighborAdvertisementLength];
        Assert.Throws<ArgumentException>(() => AnnouncementPackets.WriteGratuitousArp(packet, Mac, IPAddress.Parse("fd00::5")));
        Assert.Throws<ArgumentException>(() => AnnouncementPackets.WriteUnsolicitedNeighborAdvertisement(packet, Mac, IPAddress.Parse("10.0.0.5")));
        Assert.Throws<ArgumentException>(() => AnnouncementPackets.WriteGratuitousArp(packet, Mac.AsSpan(0, 4), IPAddress.Parse("10.0.0.5")));
    }
}
