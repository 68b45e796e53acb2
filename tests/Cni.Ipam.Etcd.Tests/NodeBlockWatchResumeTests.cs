using System.Net;
using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>
/// A watcher cut off from etcd (through a <see cref="TcpRelay"/>) while other nodes come and go: when it is
/// back it resumes from the revision after the last one it saw, and when that revision was compacted away
/// meanwhile, it reads the nodes afresh. Either way the set it yields is the set in etcd.
/// </summary>
public sealed class NodeBlockWatchResumeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EtcdCluster _etcd = null!;
    private TcpRelay _relay = null!;

    public async ValueTask InitializeAsync()
    {
        _etcd = await EtcdCluster.StartAsync();
        _relay = new TcpRelay(_etcd.ClientUrls[0]);
    }

    public async ValueTask DisposeAsync()
    {
        await _relay.DisposeAsync();
        await _etcd.DisposeAsync();
    }

    [Fact]
    public async Task A_watch_cut_off_resumes_from_the_next_revision_and_sees_what_changed_meanwhile()
    {
        var (watch, observer, changed) = await CutOffWhileNodesChangeAsync(compact: false);
        await using (watch)
        await using (observer)
        await using (changed)
        {
            Assert.Equal(1, observer.Watcher!.Reads);
            Assert.True(observer.Watcher.StreamsOpened >= 2, $"{observer.Watcher.StreamsOpened} streams opened");
            // Every change is yielded in turn, the one made while cut off included.
            Assert.Equal(["[]", "[node-a]", "[node-a, node-b]"], watch.Snapshots.Select(Names));
        }
    }

    [Fact]
    public async Task A_watch_whose_revision_was_compacted_meanwhile_reads_the_nodes_afresh()
    {
        var (watch, observer, changed) = await CutOffWhileNodesChangeAsync(compact: true);
        await using (watch)
        await using (observer)
        await using (changed)
        {
            Assert.Equal(2, observer.Watcher!.Reads);
            Assert.Equal("[node-a, node-b]", Names(watch.Snapshots[^1]));
        }
    }

    [Fact]
    public async Task A_watch_on_a_member_that_hangs_moves_to_another_member_after_the_HTTP2_pings_go_unanswered()
    {
        // The relay stands for member 0 of two endpoints; the second endpoint is the same etcd, reached directly.
        var options = NodeBlocks.Options(NodeBlocks.NewPrefix());
        var etcd = NodeBlocks.Etcd([_relay.Url, _etcd.ClientUrls[0]]);
        etcd.Timeout = TimeSpan.FromSeconds(2);
        await using var observer = new EtcdNodeBlocks(etcd, options);
        await using var watch = new NodeWatch(observer);
        await using var a = new EtcdNodeBlocks(NodeBlocks.Etcd(_etcd.ClientUrls), options);
        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        while (observer.Watcher!.StreamsOpened == 0)
        {
            // The first set comes from a read; the stream opens right after it.
            await Task.Delay(20, Ct);
        }

        var served = observer.Watcher.Endpoint;
        var frozen = System.Diagnostics.Stopwatch.StartNew();
        _relay.Freeze();
        await a.ClaimAsync("node-a", IPAddress.Parse("192.168.50.1"), null, Ct);
        // A ping every 10 s on a connection with a stream open, 2 s (the timeout) for its answer.
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(20));
        var moved = frozen.Elapsed;

        Assert.Equal(_relay.Url, served);
        Assert.Equal(_etcd.ClientUrls[0], observer.Watcher.Endpoint);
        Assert.Equal(1, observer.Watcher.Reads);
        Assert.InRange(moved, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }

    private static string Names(IReadOnlyList<NodeBlock> nodes) => $"[{string.Join(", ", nodes.Select(n => n.NodeName))}]";

    /// <summary>
    /// A watcher through the relay sees node-a join; then the relay cuts it off, node-b joins (and with
    /// <paramref name="compact"/>, etcd compacts its history up to now); then the relay lets it back.
    /// </summary>
    private async Task<(NodeWatch Watch, EtcdNodeBlocks Observer, EtcdNodeBlocks Changed)> CutOffWhileNodesChangeAsync(bool compact)
    {
        var options = NodeBlocks.Options(NodeBlocks.NewPrefix());
        var observer = new EtcdNodeBlocks(NodeBlocks.Etcd([_relay.Url]), options);
        var watch = new NodeWatch(observer);
        var changed = new EtcdNodeBlocks(NodeBlocks.Etcd(_etcd.ClientUrls), options);
        var b = new EtcdNodeBlocks(NodeBlocks.Etcd(_etcd.ClientUrls), options);
        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        await changed.ClaimAsync("node-a", IPAddress.Parse("192.168.50.1"), null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));

        _relay.Cut();
        await b.ClaimAsync("node-b", IPAddress.Parse("192.168.50.2"), null, Ct);
        await b.DisposeAsync(); // stops renewing: node-b stays alive for its 2 s TTL, long enough
        if (compact)
        {
            // A write elsewhere takes history past node-b's revision; compacted up to it, the revision after
            // node-a's, where the watcher resumes, is gone.
            var revision = await EtcdGateway.PutAsync(_etcd.ClientUrls[0], "/cnit-elsewhere", "1", Ct);
            await EtcdGateway.CompactAsync(_etcd.ClientUrls[0], revision, Ct);
        }

        await Task.Delay(300, Ct);
        _relay.Restore();
        await watch.WaitForAsync(["node-a", "node-b"], TimeSpan.FromSeconds(10));
        return (watch, observer, changed);
    }
}
