using System.Net;
using Cni.Netlink;

namespace Cni.Plugins.Tests;

/// <summary>Values as the reference prints them in messages, and Cni.Spec's types as netlink requests.</summary>
public class ValueTextTests
{
    [Theory]
    [InlineData("10.22.0.5/16", "{10.22.0.0 ffff0000}", "ffff0000")]
    [InlineData("0.0.0.0/0", "{0.0.0.0 00000000}", "00000000")]
    [InlineData("fd00:22::5/64", "{fd00:22:: ffffffffffffffff0000000000000000}", "ffffffffffffffff0000000000000000")]
    public void Networks_and_masks_read_as_Go_prints_them(string cidr, string network, string mask)
    {
        Assert.Equal(network, GoText.Network(IPCidr.Parse(cidr)));
        Assert.Equal(mask, GoText.Mask(IPCidr.Parse(cidr)));
    }

    [Fact]
    public void A_missing_address_is_nil() => Assert.Equal("<nil>", GoText.Address(null));

    [Theory]
    [InlineData(17, "file exists")]
    [InlineData(2, "no such file or directory")]
    [InlineData(101, "network is unreachable")]
    [InlineData(19, "no such device")]
    [InlineData(1, "operation not permitted")]
    [InlineData(3, "no such process")]
    [InlineData(99, "cannot assign requested address")]
    public void Kernel_errors_are_worded_as_Go_words_them(int errno, string text) => Assert.Equal(text, KernelError.Text(errno));

    [Theory]
    [InlineData("10.22.0.5/16", "10.22.255.255")]
    [InlineData("10.22.0.5/24", "10.22.0.255")]
    [InlineData("10.22.0.5/30", "10.22.0.7")]
    [InlineData("10.22.0.5/32", "10.22.0.5")]
    public void Broadcast_is_the_subnets_last_address(string cidr, string broadcast)
        => Assert.Equal(IPAddress.Parse(broadcast), IPCidr.Parse(cidr).Broadcast());

    [Fact]
    public void A_results_route_takes_its_own_gateway_else_the_one_given()
    {
        var own = new CniRoute { Destination = IPCidr.Parse("192.168.0.0/16"), Gateway = IPAddress.Parse("10.22.0.254") };
        var none = new CniRoute { Destination = IPCidr.Parse("0.0.0.0/0") };

        var first = own.ToRoute(7, IPAddress.Parse("10.22.0.1"));
        Assert.Equal((IPAddress.Parse("192.168.0.0"), 16, IPAddress.Parse("10.22.0.254"), 7, RouteScope.Universe), (first.Destination, first.DestinationPrefixLength, first.Gateway, first.OutputLinkIndex, first.Scope));
        var second = none.ToRoute(7, IPAddress.Parse("10.22.0.1"));
        Assert.Equal((IPAddress.Parse("0.0.0.0"), 0, IPAddress.Parse("10.22.0.1")), (second.Destination, second.DestinationPrefixLength, second.Gateway));
        Assert.Null(none.ToRoute(7).Gateway);
    }
}
