using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>Per-node pod blocks (<see cref="EtcdNodeBlocks"/>) against one real etcd server, 2 s leases.</summary>
public sealed class NodeBlockTests : IAsyncLifetime
{
    private static readonly IPAddress s_underlay1 = IPAddress.Parse("192.168.50.1");
    private static readonly IPAddress s_underlay2 = IPAddress.Parse("192.168.50.2");
    private static readonly PhysicalAddress s_vtep1 = PhysicalAddress.Parse("0a:58:0a:f4:00:01");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EtcdCluster _etcd = null!;
    private string _prefix = null!;

    public async ValueTask InitializeAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        _prefix = NodeBlocks.NewPrefix();
    }

    public async ValueTask DisposeAsync() => await _etcd.DisposeAsync();

    private EtcdNodeBlocks Open(string cidr = "10.244.0.0/16", int gracePeriodSeconds = 60)
        => new(NodeBlocks.Etcd(_etcd.ClientUrls), NodeBlocks.Options(_prefix, cidr, gracePeriodSeconds));

    [Fact]
    public async Task A_claim_writes_the_documented_keys_under_an_alive_lease_and_an_owner_lease()
    {
        await using var blocks = Open(gracePeriodSeconds: 7);

        var block = await blocks.ClaimAsync("node-a", s_underlay1, s_vtep1, Ct);

        Assert.Equal(new NodeBlock("node-a", IPCidr.Parse("10.244.0.0/24"), s_underlay1, s_vtep1), block);
        Assert.Equal(
            [
                $"{_prefix}/blocks/010.244.000.000-24 = node-a",
                $"{_prefix}/nodes/node-a = {{\"block\":\"10.244.0.0/24\",\"underlay\":\"192.168.50.1\",\"vtep\":\"0a:58:0a:f4:00:01\"}}",
                $"{_prefix}/owners/node-a = 10.244.0.0/24",
            ],
            (await _etcd.ReadPrefixAsync(_prefix + "/")).Select(kv => $"{kv.Key} = {kv.Value}"));
        var claim = blocks.Claim!;
        Assert.Equal(2, (await blocks.Client.LeaseKeepAliveAsync(claim.AliveLease, Ct)).Ttl);
        Assert.Equal(9, (await blocks.Client.LeaseKeepAliveAsync(claim.OwnerLease, Ct)).Ttl);
        Assert.Equal([block], await blocks.ListAsync(Ct));
        Assert.Equal(block, blocks.Claimed);
    }

    [Fact]
    public async Task The_claim_is_renewed_past_its_TTL_and_a_second_claim_on_the_same_object_is_refused()
    {
        await using var blocks = Open();
        var block = await blocks.ClaimAsync("node-a", s_underlay1, null, Ct);

        await Task.Delay(NodeBlocks.Ttl * 2.5, Ct);

        Assert.Equal([block], await blocks.ListAsync(Ct));
        Assert.False(blocks.ClaimLost.IsCompleted);
        Assert.InRange(blocks.Claim!.Renewals, 3, 10);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => blocks.ClaimAsync("node-b", s_underlay2, null, Ct));
        Assert.Contains("holds 10.244.0.0/24 already", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_node_gets_its_own_block_back_and_a_process_still_holding_the_name_learns_it_lost_the_claim()
    {
        await using var first = Open();
        await using var other = Open();
        await using var restarted = Open();
        var before = await first.ClaimAsync("node-a", s_underlay1, null, Ct);
        var neighbour = await other.ClaimAsync("node-b", s_underlay2, null, Ct);

        // The same name from another process (an agent restarted while the old one still runs, or after it crashed).
        var after = await restarted.ClaimAsync("node-a", s_underlay1, s_vtep1, Ct);
        var lost = await Assert.ThrowsAsync<NodeClaimLostException>(() => first.ClaimLost.WaitAsync(NodeBlocks.Ttl * 2, Ct));

        Assert.Equal(before.Block, after.Block);
        Assert.NotEqual(before.Block, neighbour.Block);
        Assert.Equal("node-a", lost.NodeName);
        Assert.Contains("no longer has lease", lost.Message, StringComparison.Ordinal);
        Assert.False(restarted.ClaimLost.IsCompleted);
        Assert.Equal(["node-a", "node-b"], (await restarted.ListAsync(Ct)).Select(n => n.NodeName));
        Assert.Equal(s_vtep1, (await restarted.ListAsync(Ct))[0].VtepAddress);
    }

    [Fact]
    public async Task A_node_that_stops_renewing_leaves_after_its_TTL_and_its_block_is_free_only_after_the_grace_period()
    {
        await using var observer = Open(gracePeriodSeconds: 4);
        await using var watch = new NodeWatch(observer);
        var departing = Open(gracePeriodSeconds: 4);
        var held = await departing.ClaimAsync("node-a", s_underlay1, null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));

        await departing.DisposeAsync(); // stops renewing, revokes nothing: as a crash
        var stopped = Stopwatch.StartNew();
        await watch.WaitForAsync([], TimeSpan.FromSeconds(10));
        var left = stopped.Elapsed;
        await using var during = Open(gracePeriodSeconds: 4);
        var duringGrace = await during.ClaimAsync("node-b", s_underlay2, null, Ct);
        await WaitUntilAsync(async () => (await _etcd.ReadPrefixAsync($"{_prefix}/blocks/010.244.000.000-24")).Count == 0, TimeSpan.FromSeconds(15));
        var freed = stopped.Elapsed;
        await using var later = Open(gracePeriodSeconds: 4);
        var afterGrace = await later.ClaimAsync("node-c", s_underlay1, null, Ct);

        Assert.Equal("10.244.0.0/24", held.Block.ToString());
        Assert.Equal("10.244.1.0/24", duringGrace.Block.ToString());
        Assert.Equal("10.244.0.0/24", afterGrace.Block.ToString());
        // Left within the TTL plus etcd's expiry check; the block stayed reserved about the grace period longer.
        Assert.InRange(left, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(4));
        Assert.InRange(freed - left, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Sixteen_concurrent_claimers_get_sixteen_distinct_blocks_and_the_seventeenth_a_clear_error()
    {
        // A /20 holds exactly sixteen /24 blocks.
        var claimers = Enumerable.Range(0, 16).Select(_ => Open("10.244.0.0/20")).ToList();
        try
        {
            var claimed = await Task.WhenAll(claimers.Select((blocks, i) => Task.Run(() => blocks.ClaimAsync($"node-{i:00}", IPAddress.Parse($"192.168.50.{i + 1}"), null, Ct), Ct)));
            await using var extra = Open("10.244.0.0/20");
            var full = await Assert.ThrowsAsync<InvalidOperationException>(() => extra.ClaimAsync("node-16", IPAddress.Parse("192.168.50.17"), null, Ct));

            Assert.Equal(
                Enumerable.Range(0, 16).Select(i => $"10.244.{i}.0/24").Order(StringComparer.Ordinal),
                claimed.Select(b => b.Block.ToString()).Order(StringComparer.Ordinal));
            Assert.Equal(16, (await _etcd.ReadPrefixAsync($"{_prefix}/blocks/")).Count);
            Assert.Equal(16, (await _etcd.ReadPrefixAsync($"{_prefix}/nodes/")).Count);
            Assert.Equal("no free block for node node-16: all 16 /24 blocks of 10.244.0.0/20 are held by other nodes (a departed node's block is free its grace period after it left)", full.Message);
            Assert.Empty(await _etcd.ReadPrefixAsync($"{_prefix}/owners/node-16"));
        }
        finally
        {
            foreach (var blocks in claimers)
            {
                await blocks.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_watch_yields_the_alive_set_on_every_join_and_leave_by_release_and_by_expiry()
    {
        await using var observer = Open();
        await using var watch = new NodeWatch(observer);
        await using var a = Open();
        var b = Open();

        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        var joinedA = await a.ClaimAsync("node-a", s_underlay1, null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));
        var joinedB = await b.ClaimAsync("node-b", s_underlay2, PhysicalAddress.Parse("0a:58:0a:f4:01:00"), Ct);
        var both = await watch.WaitForAsync(["node-a", "node-b"], TimeSpan.FromSeconds(5));

        var released = Stopwatch.StartNew();
        await b.ReleaseAsync(Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));
        var releaseSeen = released.Elapsed;
        await b.DisposeAsync();
        await a.DisposeAsync();
        await watch.WaitForAsync([], TimeSpan.FromSeconds(10));

        Assert.Equal([joinedA, joinedB], both);
        // Revoked, not expired: seen well within the 2 s TTL.
        Assert.True(releaseSeen < TimeSpan.FromSeconds(1.5), $"the release was seen after {releaseSeen}");
        Assert.Equal(["[]", "[node-a]", "[node-a, node-b]", "[node-a]", "[]"], watch.Snapshots.Select(s => $"[{string.Join(", ", s.Select(n => n.NodeName))}]"));
        // The released block stays the node's for the grace period.
        Assert.Single(await _etcd.ReadPrefixAsync($"{_prefix}/owners/node-b"));
    }

    [Fact]
    public async Task Renewal_failing_for_a_whole_TTL_is_reported_as_a_lost_claim_and_ends_the_watch()
    {
        await using var blocks = Open();

        // Watching first and claiming then, as an agent may: the watch follows the claim made after it began.
        await using var watch = new NodeWatch(blocks);
        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        await blocks.ClaimAsync("node-a", s_underlay1, null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));

        _etcd.Members[0].Kill();
        var lost = await Assert.ThrowsAsync<NodeClaimLostException>(() => blocks.ClaimLost.WaitAsync(NodeBlocks.Ttl * 3, Ct));
        var watchEnded = await Assert.ThrowsAsync<NodeClaimLostException>(() => watch.Ended.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        _etcd.Members[0].Start();
        await _etcd.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        var again = await blocks.ClaimAsync("node-a", s_underlay1, null, Ct);

        Assert.Contains("was not renewed for 2 s", lost.Message, StringComparison.Ordinal);
        Assert.Same(lost, watchEnded);
        Assert.Equal("10.244.0.0/24", again.Block.ToString());
        Assert.Equal(again, blocks.Claimed);
    }

    [Fact]
    public async Task An_IPv6_cluster_is_cut_into_its_blocks_in_order()
    {
        var options = new NodeBlockOptions { ClusterCidr = IPCidr.Parse("fd00:10:244::/56"), BlockPrefixLength = 64, LeaseTtl = NodeBlocks.Ttl, Prefix = _prefix };
        await using var first = new EtcdNodeBlocks(NodeBlocks.Etcd(_etcd.ClientUrls), options);
        await using var second = new EtcdNodeBlocks(NodeBlocks.Etcd(_etcd.ClientUrls), options);

        var a = await first.ClaimAsync("node-a", IPAddress.Parse("fd00:50::1"), null, Ct);
        var b = await second.ClaimAsync("node-b", IPAddress.Parse("fd00:50::2"), null, Ct);

        Assert.Equal(("fd00:10:244::/64", "fd00:10:244:1::/64"), (a.Block.ToString(), b.Block.ToString()));
        Assert.Equal(
            [$"{_prefix}/blocks/fd00:0010:0244:0000:0000:0000:0000:0000-64", $"{_prefix}/blocks/fd00:0010:0244:0001:0000:0000:0000:0000-64"],
            (await _etcd.ReadPrefixAsync($"{_prefix}/blocks/")).Select(kv => kv.Key));
        Assert.Equal([a, b], await first.ListAsync(Ct));
    }

    [Fact]
    public async Task A_record_under_nodes_that_is_not_a_node_record_is_left_out()
    {
        await using var blocks = Open();
        var a = await blocks.ClaimAsync("node-a", s_underlay1, null, Ct);
        await EtcdGateway.PutAsync(_etcd.ClientUrls[0], $"{_prefix}/nodes/junk", "not json", Ct);
        await EtcdGateway.PutAsync(_etcd.ClientUrls[0], $"{_prefix}/nodes/half", """{"block":"10.244.9.0/24"}""", Ct);

        Assert.Equal([a], await blocks.ListAsync(Ct));
    }

    [Fact]
    public async Task Bad_settings_and_arguments_are_refused_with_the_reason()
    {
        var etcd = NodeBlocks.Etcd(_etcd.ClientUrls);
        await using var blocks = Open();

        Assert.Throws<ArgumentOutOfRangeException>(() => new EtcdNodeBlocks(etcd, new NodeBlockOptions { ClusterCidr = IPCidr.Parse("10.244.0.0/16"), BlockPrefixLength = 12 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EtcdNodeBlocks(etcd, new NodeBlockOptions { ClusterCidr = IPCidr.Parse("fd00:10:244::/56") }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EtcdNodeBlocks(etcd, new NodeBlockOptions { ClusterCidr = IPCidr.Parse("fd00::/48"), BlockPrefixLength = 96 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EtcdNodeBlocks(etcd, new NodeBlockOptions { ClusterCidr = IPCidr.Parse("10.244.0.0/16"), LeaseTtl = TimeSpan.FromMilliseconds(500) }));
        await Assert.ThrowsAsync<ArgumentException>(() => blocks.ClaimAsync("a/b", s_underlay1, null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => blocks.ClaimAsync("node-a", s_underlay1, new PhysicalAddress(new byte[8]), Ct));
        Assert.Throws<InvalidOperationException>(() => { _ = blocks.ClaimLost; });
    }

    [Theory]
    [InlineData("""{"block":"10.244.9.0/24","underlay":"192.168.50.9","vtep":"not-a-mac"}""")]
    [InlineData("""{"block":"10.244.9.0/24","underlay":"192.168.50.9","vtep":"0a:58"}""")]
    [InlineData("""{"block":"10.244.9.0/24","underlay":"not-an-address"}""")]
    [InlineData("""{"block":"10.244.9.0/24"}""")]
    [InlineData("not json")]
    public async Task A_node_record_that_does_not_read_is_left_out_of_the_list_and_the_others_are_kept(string record)
    {
        await using var blocks = Open();
        var mine = await blocks.ClaimAsync("node-a", s_underlay1, s_vtep1, Ct);

        await EtcdGateway.PutAsync(_etcd.ClientUrls[0], $"{_prefix}/nodes/node-z", record, Ct);

        Assert.Equal([mine], await blocks.ListAsync(Ct));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"not within {timeout}");
            }

            await Task.Delay(100, Ct);
        }
    }
}
