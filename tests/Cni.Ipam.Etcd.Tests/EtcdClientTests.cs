using System.Diagnostics;
using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>Reaching etcd: failover between endpoints, deadlines, code 11 when nobody answers.</summary>
public sealed class EtcdClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri DeadEndpoint() => new($"http://127.0.0.1:{LoopbackPorts.Take()}");

    [Fact]
    public async Task A_dead_first_endpoint_fails_over_to_the_next()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        var config = EtcdNetwork.Config([DeadEndpoint(), .. etcd.ClientUrls]);
        using var store = new IpamEtcdStore();

        var result = await new IpamAllocator(store).AddAsync(config, "ctr1", "eth0", Ct);

        Assert.Single(result.IPs);
    }

    [Fact]
    public async Task Nobody_answering_is_code_11_within_the_timeout_and_nothing_is_written()
    {
        var config = EtcdNetwork.Config([DeadEndpoint(), DeadEndpoint()], timeout: "1s");
        using var store = new IpamEtcdStore();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CniException>(() => new IpamAllocator(store).AddAsync(config, "ctr1", "eth0", Ct));

        Assert.Equal(CniErrorCode.TryAgainLater, error.Code);
        Assert.StartsWith("etcd: no endpoint answered within 1s", error.Message, StringComparison.Ordinal);
        // The configured 1 s, not the 5 s default nor any other: the deadline cannot pass early, and the
        // slack above it is for a loaded machine's first HTTP/2 connection attempts.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Stopped_and_restarted_etcd_gives_code_11_then_resumes_without_loss_or_duplicate()
    {
        await using var etcd = await EtcdCluster.StartAsync();

        // 5 s: each write waits for etcd to sync its log, and right after a restart on a busy disk that can take over 1 s.
        var config = EtcdNetwork.Config(etcd.ClientUrls, timeout: "5s");
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);
        var addresses = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            addresses.Add(Assert.Single((await allocator.AddAsync(config, $"before{i}", "eth0", Ct)).IPs).Address.ToString());
        }

        etcd.Members[0].Kill();
        var down = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "while-down", "eth0", Ct));
        etcd.Members[0].Start();
        await etcd.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            addresses.Add(Assert.Single((await allocator.AddAsync(config, $"after{i}", "eth0", Ct)).IPs).Address.ToString());
        }

        Assert.Equal(CniErrorCode.TryAgainLater, down.Code);
        Assert.Equal(10, addresses.Distinct().Count());
        var owners = (await etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/ips/")).Select(kv => kv.Value).Order(StringComparer.Ordinal);
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => $"after{i}\r\neth0").Concat(Enumerable.Range(0, 5).Select(i => $"before{i}\r\neth0")).Order(StringComparer.Ordinal),
            owners);
    }

    [Fact]
    public async Task A_three_member_cluster_keeps_allocating_when_a_member_dies_and_after_it_returns()
    {
        await using var etcd = await EtcdCluster.StartAsync(3);
        var config = EtcdNetwork.Config(etcd.ClientUrls, timeout: "5s");
        using var killer = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            using var store = new IpamEtcdStore();
            var allocator = new IpamAllocator(store);
            var mine = new List<string>();
            for (var i = 0; i < 60; i++)
            {
                mine.Add(Assert.Single((await allocator.AddAsync(config, $"w{worker}-c{i}", "eth0", Ct)).IPs).Address.ToString());
                await Task.Delay(5, Ct);
            }

            return mine;
        }, Ct)).ToList();
        await Task.Delay(200, Ct);
        etcd.Members[0].Kill();
        await Task.Delay(600, Ct);
        etcd.Members[0].Start();
        var results = await Task.WhenAll(workers);

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(240, all.Count);
        Assert.Equal(240, all.Distinct().Count());
        Assert.Equal(240, (await etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/ips/")).Count);
    }
}
