using System.Net;
using Cni.Testing;

namespace Cni.Ipam.Etcd.Tests;

/// <summary>The etcd store under the host-local allocation rules, against one real etcd server.</summary>
public sealed class EtcdStoreTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EtcdCluster _etcd = null!;

    public async ValueTask InitializeAsync() => _etcd = await EtcdCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _etcd.DisposeAsync();

    [Fact]
    public async Task ADD_reserves_in_one_transaction_with_the_documented_keys()
    {
        var config = EtcdNetwork.Config(_etcd.ClientUrls, "10.22.0.0/24");
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);

        var result = await allocator.AddAsync(config, "ctr1", "eth0", Ct);

        var ip = Assert.Single(result.IPs);
        Assert.Equal("10.22.0.2/24", ip.Address.ToString());
        Assert.Equal("10.22.0.1", ip.Gateway?.ToString());
        var prefix = EtcdNetwork.PrefixOf(config);
        var stored = await _etcd.ReadPrefixAsync(prefix + "/");
        Assert.Equal(
            [
                $"{prefix}/cnit-net/ips/010.022.000.002 = ctr1\r\neth0",
                $"{prefix}/cnit-net/last_reserved_at.0",
                $"{prefix}/cnit-net/last_reserved_ip.0 = 10.22.0.2",
                $"{prefix}/cnit-net/owners/ctr1/eth0/0 = 10.22.0.2",
            ],
            stored.Select(kv => kv.Key.Contains("last_reserved_at", StringComparison.Ordinal) ? kv.Key : $"{kv.Key} = {kv.Value}"));
        Assert.Matches(@"^\d{13} [0-9a-f]{32}$", stored[1].Value);
    }

    [Fact]
    public async Task Addresses_go_round_robin_and_DEL_releases_by_owner()
    {
        var config = EtcdNetwork.Config(_etcd.ClientUrls, "10.22.0.0/29");
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);

        var first = await allocator.AddAsync(config, "ctr1", "eth0", Ct);
        var second = await allocator.AddAsync(config, "ctr2", "eth0", Ct);
        await allocator.DeleteAsync(config, "ctr1", "eth0", Ct);
        var third = await allocator.AddAsync(config, "ctr3", "eth0", Ct);
        await allocator.DeleteAsync(config, "ctr1", "eth0", Ct); // nothing left to release: still a success

        Assert.Equal(["10.22.0.2/29", "10.22.0.3/29", "10.22.0.4/29"],
            new[] { first, second, third }.Select(r => Assert.Single(r.IPs).Address.ToString()));
        var keys = (await _etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/ips/")).Select(kv => kv.Key[(kv.Key.LastIndexOf('/') + 1)..]);
        Assert.Equal(["010.022.000.003", "010.022.000.004"], keys);
    }

    [Fact]
    public async Task A_second_ADD_for_the_same_container_and_interface_is_refused()
    {
        var config = EtcdNetwork.Config(_etcd.ClientUrls);
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);
        await allocator.AddAsync(config, "ctr1", "eth0", Ct);

        var error = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "ctr1", "eth0", Ct));

        Assert.Contains("duplicate allocation is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly_as_many_allocations_as_addresses_then_a_clear_error()
    {
        // A /28 without network, gateway and broadcast: 13 addresses.
        var config = EtcdNetwork.Config(_etcd.ClientUrls, "10.22.0.0/28");
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);

        var addresses = new List<string>();
        for (var i = 0; i < 13; i++)
        {
            addresses.Add(Assert.Single((await allocator.AddAsync(config, $"ctr{i}", "eth0", Ct)).IPs).Address.ToString());
        }

        var error = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "ctr-extra", "eth0", Ct));
        Assert.Equal(13, addresses.Distinct().Count());
        Assert.Contains("no IP addresses available", error.Message, StringComparison.Ordinal);
        Assert.Equal(13, (await _etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/ips/")).Count);
    }

    [Fact]
    public async Task GC_releases_what_is_not_a_valid_attachment()
    {
        var config = EtcdNetwork.Config(_etcd.ClientUrls);
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);
        await allocator.AddAsync(config, "keep", "eth0", Ct);
        await allocator.AddAsync(config, "drop", "eth0", Ct);
        await allocator.AddAsync(config, "keep", "eth1", Ct);

        await allocator.CollectGarbageAsync(config, [new CniAttachment { ContainerId = "keep", IfName = "eth0" }], Ct);

        var owners = (await _etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/ips/")).Select(kv => kv.Value);
        Assert.Equal(["keep\r\neth0"], owners);
        Assert.Single(await _etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/owners/"));
    }

    [Fact]
    public async Task Sixteen_allocators_with_their_own_connections_never_share_an_address()
    {
        var config = EtcdNetwork.Config(_etcd.ClientUrls);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            using var store = new IpamEtcdStore();
            var allocator = new IpamAllocator(store);
            var mine = new List<IPAddress>();
            for (var i = 0; i < 50; i++)
            {
                mine.Add(Assert.Single((await allocator.AddAsync(config, $"w{worker}-c{i}", "eth0", Ct)).IPs).Address.Address);
            }

            return mine;
        }, Ct)));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(800, all.Count);
        Assert.Equal(800, all.Distinct().Count());
        Assert.Equal(800, (await _etcd.ReadPrefixAsync(EtcdNetwork.PrefixOf(config) + "/cnit-net/ips/")).Count);
    }
}
