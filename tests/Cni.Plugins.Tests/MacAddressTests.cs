using System.Net.NetworkInformation;
using CsCheck;

namespace Cni.Plugins.Tests;

public class MacAddressTests
{
    [Theory]
    [InlineData("0a:58:0A:16:00:05")]
    [InlineData("0a-58-0a-16-00-05")]
    [InlineData("0a58.0a16.0005")]
    public void Reads_the_forms_Go_reads(string text)
        => Assert.Equal(PhysicalAddress.Parse("0A-58-0A-16-00-05"), MacAddress.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0a:58:0a:16:00")]
    [InlineData("0a:58:0a:16:00:05:07")]
    [InlineData("0a:58-0a:16:00:05")]
    [InlineData("0a:58:0a:16:00:zz")]
    [InlineData("0a58.0a16.000")]
    [InlineData("0a58:0a16:0005")]
    public void Refuses_anything_else(string text) => Assert.Null(MacAddress.TryParse(text));

    [Fact]
    public void Formats_lowercase_with_colons_and_reads_back()
        => Gen.Byte.Array[6].Sample(bytes =>
        {
            var text = MacAddress.Format(bytes);
            Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", text);
            Assert.Equal(bytes, MacAddress.TryParse(text)!.GetAddressBytes());
            Assert.Equal(text, MacAddress.Format(new PhysicalAddress(bytes)));
        });

    [Fact]
    public void Formats_any_length_and_nothing_as_empty()
    {
        Assert.Equal("", MacAddress.Format(ReadOnlySpan<byte>.Empty));
        Assert.Equal("ff", MacAddress.Format([0xff]));
        Assert.Equal("00:11:22:33:44:55:66:77", MacAddress.Format([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]));
    }
}
