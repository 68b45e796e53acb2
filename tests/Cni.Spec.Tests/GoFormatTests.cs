using System.Net;
using System.Text;
using Cni.Internal.GoFormat;

namespace Cni.Tests;

/// <summary>Addresses and strings are printed as Go prints them, where .NET would print otherwise.</summary>
public class GoFormatTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("::102:304", "::102:304")] // .NET: ::1.2.3.4
    [InlineData("::ffff:1.2.3.4", "1.2.3.4")] // Go treats IPv4-mapped as IPv4
    [InlineData("1:0:0:1:0:0:0:1", "1:0:0:1::1")]
    [InlineData("1:0:0:1:0:0:1:1", "1::1:0:0:1:1")] // the first of two equal runs
    [InlineData("1:0:1:1:1:1:1:1", "1:0:1:1:1:1:1:1")] // a single zero group stays
    [InlineData("FD00:0:0:0:0:0:0:AB", "fd00::ab")]
    [InlineData("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0")]
    [InlineData("1:2:3:4:5:6:0:0", "1:2:3:4:5:6::")]
    public void Addresses_are_formatted_as_go_net_ip_string(string address, string expected)
    {
        Span<byte> buffer = stackalloc byte[GoNet.MaxCidrLength];
        var written = GoNet.FormatIP(IPAddress.Parse(address), buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..written]));
    }

    [Theory]
    [InlineData("::ffff:10.0.0.1", 120, "10.0.0.1/24")]
    [InlineData("::ffff:10.0.0.1", 64, "10.0.0.1/0")]
    [InlineData("10.0.0.1", 8, "10.0.0.1/8")]
    [InlineData("fd00::5", 64, "fd00::5/64")]
    public void Prefixes_are_formatted_as_go_net_ipnet_string(string address, int prefix, string expected)
    {
        Span<byte> buffer = stackalloc byte[GoNet.MaxCidrLength];
        var written = GoNet.FormatCidr(new IPCidr(IPAddress.Parse(address), prefix), buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..written]));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("01.2.3.4")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4 ")]
    [InlineData("fe80::1%2")]
    [InlineData("[::1]")]
    [InlineData("")]
    public void Addresses_go_rejects_are_rejected(string text)
        => Assert.False(GoNet.TryParseIP(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("a<b>c&d", "\"a\\u003cb\\u003ec\\u0026d\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\b\f\n\r\t\u0001\u001f", "\"\\b\\f\\n\\r\\t\\u0001\\u001f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("caf\u00e9 \u4e2d \U0001F600 \u007f /", "\"caf\u00e9 \u4e2d \U0001F600 \u007f /\"")]
    [InlineData("\u2027\u202a\u00e2", "\"\u2027\u202a\u00e2\"")]
    public void Strings_are_escaped_as_go_encoding_json_escapes_them(string value, string expected)
    {
        var result = new CniResult { Dns = new CniDns { Domain = value } };
        var json = result.ToJson(CniVersion.V100);
        Assert.Contains($"\"domain\": {expected}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character_as_go_does()
    {
        var value = "lone " + (char)0xD800 + " surrogate";
        var json = new CniResult { Dns = new CniDns { Domain = value } }.ToJson(CniVersion.V100);
        Assert.Contains("\"domain\": \"lone \ufffd surrogate\"\n", json, StringComparison.Ordinal);
    }
}
