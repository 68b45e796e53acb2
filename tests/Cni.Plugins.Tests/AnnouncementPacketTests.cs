using System.Net;
using Cni.Plugins.Internal.Announcements;

namespace Cni.Plugins.Tests;

/// <summary>
/// The neighbour advertisement, pinned by a golden file (Golden/packets/*.hex). That a
/// neighbour's kernel takes it is shown in AnnouncementTests.
/// </summary>
public class AnnouncementPacketTests
{
    private static readonly byte[] Mac = [0x0a, 0x58, 0x0a, 0x16, 0x00, 0x05];

    [Fact]
    public void Unsolicited_neighbour_advertisement_overrides_with_the_MAC_as_option()
    {
        var message = new byte[NeighborAdvertisement.Length];
        Assert.Equal(32, NeighborAdvertisement.Write(message, Mac, IPAddress.Parse("fd00:22::5")));
        Golden.Match("packets/unsolicited-neighbor-advertisement.hex", Hex.Dump(message));
    }

    [Fact]
    public void The_wrong_family_or_MAC_length_is_refused()
    {
        var message = new byte[NeighborAdvertisement.Length];
        Assert.Throws<ArgumentException>(() => NeighborAdvertisement.Write(message, Mac, IPAddress.Parse("10.0.0.5")));
        Assert.Throws<ArgumentException>(() => NeighborAdvertisement.Write(message, Mac.AsSpan(0, 4), IPAddress.Parse("fd00::5")));
    }
}
