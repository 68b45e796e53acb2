using System.Text;
using System.Text.Json;
using Cni.Testing;

namespace Cni.Tests;

public class ResultGoldenTests
{
    public static TheoryData<string> AllVersions => [.. CniVersion.All.Select(v => v.ToString())];

    public static TheoryData<string> VersionsWithInterfaces => [.. CniVersion.All.Where(v => v >= CniVersion.V030).Select(v => v.ToString())];

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void Full_result_is_written_as_the_golden_file(string version)
        => Golden.Match($"results/full-{version}.json", ResultSamples.Full().ToJson(CniVersion.Parse(version)));

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void Full_golden_file_reads_and_writes_back_to_the_same_bytes(string version)
    {
        var golden = Encoding.UTF8.GetBytes(Golden.Read($"results/full-{version}.json"));
        var result = CniResult.Parse(golden);
        Assert.Equal(golden, result.ToUtf8Json(CniVersion.Parse(version)));
    }

    [Theory]
    [MemberData(nameof(VersionsWithInterfaces))]
    public void Result_without_addresses_is_written_as_the_golden_file_and_reads_back(string version)
    {
        var cniVersion = CniVersion.Parse(version);
        var json = ResultSamples.NoAddresses().ToJson(cniVersion);
        Golden.Match($"results/no-addresses-{version}.json", json);
        Assert.Equal(json, CniResult.Parse(Encoding.UTF8.GetBytes(json)).ToJson(cniVersion));
    }

    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.2.0")]
    public void Result_without_addresses_cannot_be_written_in_0_2_0_and_earlier(string version)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, CniResult.WriterOptions);

        var error = Assert.Throws<CniException>(() => ResultSamples.NoAddresses().WriteTo(writer, CniVersion.Parse(version)));

        Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
        Assert.Equal("cannot convert: no valid IP addresses", error.Message);
        Assert.Equal(0, writer.BytesPending + writer.BytesCommitted);
    }

    [Fact]
    public void Writing_a_version_no_spec_defines_fails_with_code_1()
    {
        var error = Assert.Throws<CniException>(() => ResultSamples.Full().ToJson(new CniVersion(0, 5, 0)));
        Assert.Equal(CniErrorCode.IncompatibleCniVersion, error.Code);
        Assert.Equal("unsupported CNI result version \"0.5.0\"", error.Message);
    }

    [Fact]
    public void Empty_dns_is_written_as_an_empty_object_before_1_1_0_and_left_out_in_1_1_0_as_go_does()
    {
        var empty = new CniResult { Dns = new CniDns { Domain = "" } };
        Assert.Equal("{\n    \"cniVersion\": \"1.0.0\",\n    \"dns\": {}\n}", empty.ToJson(CniVersion.V100));
        Assert.Equal("{\n    \"cniVersion\": \"0.4.0\",\n    \"dns\": {}\n}", empty.ToJson(CniVersion.V040));
        Assert.Equal("{\n    \"cniVersion\": \"1.1.0\"\n}", empty.ToJson(CniVersion.V110));
    }

    [Fact]
    public void Version_1_1_0_is_written_with_keys_sorted_at_every_level_as_libcni_prints_it()
    {
        using var document = JsonDocument.Parse(ResultSamples.Full().ToUtf8Json(CniVersion.V110));
        AssertSorted(document.RootElement);

        static void AssertSorted(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                var names = element.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(names.Order(StringComparer.Ordinal), names);
                element.EnumerateObject().ToList().ForEach(p => AssertSorted(p.Value));
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                element.EnumerateArray().ToList().ForEach(AssertSorted);
            }
        }
    }

    [Fact]
    public void A_writer_with_other_options_gets_the_same_members()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ResultSamples.Full().WriteTo(writer, CniVersion.V110);
        }

        using var compact = JsonDocument.Parse(buffer.WrittenMemory);
        using var reference = JsonDocument.Parse(ResultSamples.Full().ToUtf8Json(CniVersion.V110));
        Assert.True(JsonElement.DeepEquals(reference.RootElement, compact.RootElement));
    }
}
