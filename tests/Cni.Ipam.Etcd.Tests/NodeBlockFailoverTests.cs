using System.Net;
using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>Node blocks on a three-member etcd cluster when the member serving the watch and the renewals dies.</summary>
public sealed class NodeBlockFailoverTests
{
    /// <summary>
    /// Killing member 0 may kill the leader, and renewals stall until the others elect one: the claim gives up
    /// when no renewal answers for a TTL, and the election has the two thirds of it left after the last
    /// renewal. Under CI's load an election took longer than the 1.3 s that 2 s TTLs leave (the node's record
    /// expired), as it once did with 3 s in the cluster demo; 6 s leaves 4 s.
    /// </summary>
    private static readonly TimeSpan s_ttl = TimeSpan.FromSeconds(6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_and_renewal_survive_killing_the_member_serving_them_and_no_change_is_missed()
    {
        await using var etcd = await EtcdCluster.StartAsync(3);
        var prefix = NodeBlocks.NewPrefix();
        var options = NodeBlocks.Options(prefix, leaseTtl: s_ttl);
        await using var observer = new EtcdNodeBlocks(NodeBlocks.Etcd(etcd.ClientUrls), options);
        await using var watch = new NodeWatch(observer);
        await using var a = new EtcdNodeBlocks(NodeBlocks.Etcd(etcd.ClientUrls), options);
        await using var b = new EtcdNodeBlocks(NodeBlocks.Etcd(etcd.ClientUrls), options);

        // The watch reads first, then a claims: claiming at once could come before the watch's first read.
        await watch.WaitForAsync([], TimeSpan.FromSeconds(5));
        await a.ClaimAsync("node-a", IPAddress.Parse("192.168.50.1"), null, Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(5));
        var served = observer.Watcher!.Endpoint;
        var renewalsBefore = a.Claim!.Renewals;

        // Every client starts with the first endpoint: member 0 serves the watch and a's renewals.
        Assert.Equal(etcd.Members[0].ClientUrl, served);
        etcd.Members[0].Kill();
        await b.ClaimAsync("node-b", IPAddress.Parse("192.168.50.2"), null, Ct);
        await watch.WaitForAsync(["node-a", "node-b"], TimeSpan.FromSeconds(10));
        await Task.Delay(s_ttl * 1.5, Ct);
        await b.ReleaseAsync(Ct);
        await watch.WaitForAsync(["node-a"], TimeSpan.FromSeconds(10));

        Assert.NotEqual(served, observer.Watcher.Endpoint);
        Assert.True(observer.Watcher.StreamsOpened >= 2, $"{observer.Watcher.StreamsOpened} streams opened");
        Assert.Equal(1, observer.Watcher.Reads);
        Assert.False(a.ClaimLost.IsCompleted, "a's claim was lost");
        Assert.True(a.Claim.Renewals >= renewalsBefore + 3, $"{a.Claim.Renewals - renewalsBefore} renewals after the kill");
        Assert.Equal(["[]", "[node-a]", "[node-a, node-b]", "[node-a]"], watch.Snapshots.Select(s => $"[{string.Join(", ", s.Select(n => n.NodeName))}]"));
    }
}
