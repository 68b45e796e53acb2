using CsCheck;

namespace Cni.Ipam.Tests;

/// <summary>The allocation order and exhaustion, against a model that lists a set's addresses one by one (small sets only).</summary>
public sealed class AllocationPropertyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A range set of one or two small ranges, IPv4 or IPv6, with optional start/end/gateway inside.
    private static readonly Gen<string> GenRangeSet =
        from ipv6 in Gen.Bool
        from count in Gen.Int[1, 2]
        from ranges in Gen.Select(Gen.Int[0, 200], Gen.Int[26, 28], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 6]).Array[count]
        select "[" + string.Join(',', ranges.Select((r, i) => Range(ipv6, i, r.Item1, r.Item2, r.Item3, r.Item4, r.Item5))) + "]";

    [Fact]
    public async Task Allocates_every_address_once_in_the_references_order_then_reports_exhaustion()
    {
        await GenRangeSet.SampleAsync(async set =>
        {
            var config = Ipam.Load($$"""{"ranges":[{{set}}]}""");
            var expected = Model(config.RangeSets[0]);
            var allocator = new IpamAllocator(new IpamMemoryStore());
            var got = new List<string>();
            for (var i = 0; i < expected.Count; i++)
            {
                got.Add((await allocator.AddAsync(config, $"c{i}", "eth0", Ct)).IPs[0].Address.Address.ToString());
            }

            Assert.Equal(expected, got);
            var full = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "extra", "eth0", Ct));
            Assert.Contains("no IP addresses available", full.Message, StringComparison.Ordinal);

            // A freed address is the only one left, so it is the next one handed out.
            var victim = expected.Count / 2;
            await allocator.DeleteAsync(config, $"c{victim}", "eth0", Ct);
            Assert.Equal(expected[victim], (await allocator.AddAsync(config, "again", "eth0", Ct)).IPs[0].Address.Address.ToString());
        }, iter: 60);
    }

    private static List<string> Model(IpamRangeSet set)
    {
        var all = new List<string>();
        foreach (var range in set)
        {
            for (var v = range.Start.Value; v <= range.End.Value; v++)
            {
                var address = range.Start with { Value = v };
                if (address != range.GatewayValue)
                {
                    all.Add(address.ToAddress().ToString());
                }
            }
        }

        return all;
    }

    private static string Range(bool ipv6, int index, int block, int prefix, int startOffset, int endOffset, int gatewayChoice)
    {
        var size = 1 << (32 - prefix);
        var networkLow = (index * 1024) + ((block * size) % 1024);
        string At(int offset) => ipv6 ? $"fd00::{networkLow + offset:x}" : $"10.{index}.{(networkLow + offset) >> 8 & 3}.{(networkLow + offset) & 0xFF}";
        var subnet = ipv6 ? $"{At(0)}/{prefix + 96}" : $"{At(0)}/{prefix}";
        var start = startOffset == 0 ? "" : $""","rangeStart":"{At(1 + startOffset)}" """;
        var end = endOffset == 0 ? "" : $""","rangeEnd":"{At(size - 2 - endOffset)}" """;
        var gateway = gatewayChoice > 3 ? $""","gateway":"{At(gatewayChoice)}" """ : "";
        return $$"""{"subnet":"{{subnet}}"{{start}}{{end}}{{gateway}}}""";
    }
}
