using System.Net;
using Cni.Ipam.Internal.Rules;
using CsCheck;

namespace Cni.Ipam.Tests;

public sealed class IPValueTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("fd00::10", "fd00::10")]
    [InlineData("FD00:0:0:0:0:0:0:10", "fd00::10")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("1::", "1::")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("::102:304", "::102:304")]
    public void Formats_as_Go_prints_addresses(string input, string expected)
    {
        Assert.True(IPValue.TryParse(input, out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.01")]
    [InlineData("10.0.0.256")]
    [InlineData("1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("")]
    public void Rejects_what_Go_rejects(string input) => Assert.False(IPValue.TryParse(input, out _));

    [Fact]
    public void Every_address_round_trips_through_text_and_IPAddress()
    {
        Gen.Select(Gen.UInt, Gen.ULong, Gen.ULong, Gen.Bool)
            .Sample((v4, high, low, isV4) =>
            {
                var value = isV4 ? new IPValue(v4, true) : new IPValue(new UInt128(high, low), false);
                Assert.True(IPValue.TryParse(value.ToString(), out var parsed));
                Assert.Equal(value.IsIPv4 || !IsMapped(value) ? value : new IPValue((uint)value.Value, true), parsed);
                Assert.Equal(IPValue.From(value.ToAddress()), IsMapped(value) ? new IPValue((uint)value.Value, true) : value);
            });
    }

    [Fact]
    public void IPv6_text_is_what_dotnet_parses_back()
    {
        Gen.Select(Gen.ULong[0, 3], Gen.ULong, Gen.Int[0, 7]).Sample((high, low, shift) =>
        {
            // Sparse groups make zero runs likely, the case RFC 5952 is about.
            var value = new IPValue(new UInt128(high << (shift * 8), low & 0xFFFF0000FFFF), false);
            Assert.Equal(IPAddress.Parse(value.ToString()), value.ToAddress());
        });
    }

    private static bool IsMapped(IPValue value) => !value.IsIPv4 && value.Value >> 32 == 0xFFFF;
}
