using CsCheck;

namespace Cni.Tests;

public class CniVersionTests
{
    [Theory]
    [InlineData("0.1.0", 0, 1, 0)]
    [InlineData("0.3.1", 0, 3, 1)]
    [InlineData("1.1.0", 1, 1, 0)]
    [InlineData("1.0", 1, 0, 0)]
    [InlineData("2", 2, 0, 0)]
    [InlineData("10.20.30", 10, 20, 30)]
    public void Parse_reads_one_to_three_parts_as_libcni_does(string text, int major, int minor, int patch)
    {
        var version = CniVersion.Parse(text);
        Assert.Equal(new CniVersion(major, minor, patch), version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4")]
    [InlineData("1..0")]
    [InlineData(".1.0")]
    [InlineData("1.0.")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.-1")]
    [InlineData("1.0.0 ")]
    [InlineData("9999999999.0.0")]
    public void Parse_rejects_malformed_versions_with_code_1(string text)
    {
        Assert.False(CniVersion.TryParse(text, out _));
        var error = Assert.Throws<CniException>(() => CniVersion.Parse(text));
        Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_lists_every_spec_version_in_order()
    {
        Assert.Equal(["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], CniVersion.All.Select(v => v.ToString()));
        Assert.All(CniVersion.All, v => Assert.True(v.IsKnown));
        Assert.False(new CniVersion(0, 5, 0).IsKnown);
    }

    [Fact]
    public void Ordering_is_numeric_not_textual()
    {
        Assert.True(CniVersion.Parse("0.10.0") > CniVersion.Parse("0.9.0"));
        Assert.True(CniVersion.V031 > CniVersion.V030);
        Assert.True(CniVersion.V100 > CniVersion.V040);
        Assert.True(CniVersion.V110 >= CniVersion.V110);
    }

    [Fact]
    public void Formatting_and_parsing_round_trip_for_all_versions()
    {
        Gen.Int[0, 99_999].Select(Gen.Int[0, 99_999], Gen.Int[0, 99_999])
            .Sample((a, b, c) =>
            {
                var version = new CniVersion(a, b, c);
                Assert.Equal(version, CniVersion.Parse(version.ToString()));
                Assert.Equal($"{a}.{b}.{c}", $"{version}");
            });
    }

    [Fact]
    public void Ordering_agrees_with_tuple_ordering_for_all_versions()
    {
        var gen = Gen.Int[0, 3].Select(Gen.Int[0, 3], Gen.Int[0, 3]).Select(t => new CniVersion(t.Item1, t.Item2, t.Item3));
        gen.Select(gen).Sample((x, y) =>
            Assert.Equal((x.Major, x.Minor, x.Patch).CompareTo((y.Major, y.Minor, y.Patch)), x.CompareTo(y)));
    }

    [Fact]
    public void Supported_versions_from_a_version_include_it_and_everything_newer()
    {
        var from040 = SupportedVersions.From(CniVersion.V040);
        Assert.Equal([CniVersion.V040, CniVersion.V100, CniVersion.V110], from040.Versions);
        Assert.True(from040.Contains(CniVersion.V100));
        Assert.False(from040.Contains(CniVersion.V031));
        Assert.Equal(CniVersion.V110, from040.Newest);
        Assert.Equal(7, SupportedVersions.All.Versions.Count);
        Assert.Equal("0.4.0, 1.0.0, 1.1.0", from040.ToString());
    }
}
