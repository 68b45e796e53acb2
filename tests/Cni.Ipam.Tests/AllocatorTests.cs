using System.Net;

namespace Cni.Ipam.Tests;

/// <summary>host-local's allocation rules, over the memory store (the file store runs the same rules in FileStoreTests).</summary>
public sealed class AllocatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IpamAllocator _allocator = new(new IpamMemoryStore());

    [Fact]
    public async Task Allocates_round_robin_skipping_the_gateway_and_wrapping()
    {
        var config = Ipam.Subnet("10.0.0.0/29");
        var first = await _allocator.AddAsync(config, "c1", "eth0", Ct);
        Assert.Equal("10.0.0.2/29", first.IPs[0].Text());
        Assert.Equal(IPAddress.Parse("10.0.0.1"), first.IPs[0].Gateway);
        Assert.Equal("10.0.0.3/29", (await _allocator.AddAsync(config, "c2", "eth0", Ct)).IPs[0].Text());
        await _allocator.DeleteAsync(config, "c1", "eth0", Ct);

        // The freed .2 is not reused until the walk wraps around.
        Assert.Equal("10.0.0.4/29", (await _allocator.AddAsync(config, "c3", "eth0", Ct)).IPs[0].Text());
        Assert.Equal("10.0.0.5/29", (await _allocator.AddAsync(config, "c4", "eth0", Ct)).IPs[0].Text());
        Assert.Equal("10.0.0.6/29", (await _allocator.AddAsync(config, "c5", "eth0", Ct)).IPs[0].Text());
        Assert.Equal("10.0.0.2/29", (await _allocator.AddAsync(config, "c6", "eth0", Ct)).IPs[0].Text());
        var full = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(config, "c7", "eth0", Ct));
        Assert.Equal("failed to allocate for range 0: no IP addresses available in range set: 10.0.0.1-10.0.0.6", full.Message);
        Assert.Equal(CniErrorCode.Internal, full.Code);
    }

    [Fact]
    public async Task A_second_allocation_for_the_same_attachment_is_refused()
    {
        var config = Ipam.Subnet("10.0.0.0/29");
        await _allocator.AddAsync(config, "c1", "eth0", Ct);
        var error = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(config, "c1", "eth0", Ct));
        Assert.Equal("failed to allocate for range 0: 10.0.0.2 has been allocated to c1, duplicate allocation is not allowed", error.Message);
        Assert.Equal("10.0.0.3/29", (await _allocator.AddAsync(config, "c1", "eth1", Ct)).IPs[0].Text());
    }

    [Fact]
    public async Task Requested_addresses_are_matched_to_their_set()
    {
        var config = Ipam.Load("""{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"fd00::/120"}]]}""", cniArgs: "IP=fd00::33,10.0.0.44");
        var result = await _allocator.AddAsync(config, "c1", "eth0", Ct);
        Assert.Equal(["10.0.0.44/24", "fd00::33/120"], result.IPs.Select(ip => ip.Text()));

        var taken = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(config, "c2", "eth0", Ct));
        Assert.Equal("failed to allocate for range 0: requested IP address 10.0.0.44 is not available in range set 10.0.0.1-10.0.0.254", taken.Message);

        var gateway = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(Ipam.Load("""{"subnet":"10.0.0.0/24"}""", cniArgs: "IP=10.0.0.1"), "c3", "eth0", Ct));
        Assert.Equal("failed to allocate for range 0: requested ip 10.0.0.1 is subnet's gateway", gateway.Message);
    }

    [Fact]
    public async Task An_address_requested_twice_is_one_request()
    {
        var config = Ipam.Load("""{"subnet":"10.0.0.0/24"}""", ""","runtimeConfig":{"ips":["10.0.0.9/24"]}""", "IP=10.0.0.9");
        Assert.Equal("10.0.0.9/24", Assert.Single((await _allocator.AddAsync(config, "c1", "eth0", Ct)).IPs).Text());
    }

    [Fact]
    public async Task An_unfulfilled_request_fails_and_releases_what_was_taken()
    {
        var config = Ipam.Load("""{"subnet":"10.0.0.0/24"}""", cniArgs: "IP=10.9.9.9");
        var error = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(config, "c1", "eth0", Ct));
        Assert.Equal("failed to allocate all requested IPs: 10.9.9.9", error.Message);
        await Assert.ThrowsAsync<CniException>(() => _allocator.CheckAsync(config, "c1", "eth0", Ct));
    }

    [Fact]
    public async Task A_failure_in_a_later_set_releases_the_earlier_sets()
    {
        var config = Ipam.Load("""{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"10.1.0.0/30"}]]}""");
        await _allocator.AddAsync(config, "a", "eth0", Ct);
        var error = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(config, "b", "eth0", Ct));
        Assert.Equal("failed to allocate for range 1: no IP addresses available in range set: 10.1.0.1-10.1.0.2", error.Message);
        await Assert.ThrowsAsync<CniException>(() => _allocator.CheckAsync(config, "b", "eth0", Ct));

        // 10.0.0.3 was taken by b and given back: the next one in set 0 is .4 only because the cursor moved.
        await _allocator.DeleteAsync(config, "a", "eth0", Ct);
        var next = await _allocator.AddAsync(config, "c", "eth0", Ct);
        Assert.Equal(["10.0.0.4/24", "10.1.0.2/30"], next.IPs.Select(ip => ip.Text()));
    }

    [Fact]
    public async Task Delete_check_and_idempotence()
    {
        var config = Ipam.Load("""{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"fd00::/64"}]]}""");
        await _allocator.AddAsync(config, "c1", "eth0", Ct);
        await _allocator.CheckAsync(config, "c1", "eth0", Ct);
        var missing = await Assert.ThrowsAsync<CniException>(() => _allocator.CheckAsync(config, "c1", "eth1", Ct));
        Assert.Equal("host-local: Failed to find address added by container c1", missing.Message);
        Assert.Equal(2, (await _allocator.DeleteAsync(config, "c1", "eth0", Ct)).Count);
        Assert.Empty(await _allocator.DeleteAsync(config, "c1", "eth0", Ct));
    }

    [Fact]
    public async Task Result_has_routes_and_dns_from_resolv_conf()
    {
        var resolv = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(resolv, "# comment\n; other\nnameserver 10.0.0.53\nnameserver  fd00::53\ndomain a.example\ndomain b.example\nsearch x.example y.example\noptions ndots:2 edns0\nbogus\n", Ct);
            var config = Ipam.Load($$"""{"subnet":"10.0.0.0/24","resolvConf":"{{resolv}}","routes":[{"dst":"0.0.0.0/0"},{"dst":"10.9.0.0/16","gw":"10.0.0.254"}]}""");
            var result = await _allocator.AddAsync(config, "c1", "eth0", Ct);
            Assert.Equal(["10.0.0.53", "fd00::53"], result.Dns.Nameservers);
            Assert.Equal("b.example", result.Dns.Domain);
            Assert.Equal(["x.example", "y.example"], result.Dns.Search);
            Assert.Equal(["ndots:2", "edns0"], result.Dns.Options);
            Assert.Equal(["0.0.0.0/0 ", "10.9.0.0/16 10.0.0.254"], result.Routes.Select(r => $"{r.Destination} {r.Gateway}"));
            Assert.Empty(result.Interfaces);
        }
        finally
        {
            File.Delete(resolv);
        }

        var absent = await Assert.ThrowsAsync<CniException>(() => _allocator.AddAsync(Ipam.Load("""{"subnet":"10.0.0.0/24","resolvConf":"/nonexistent/resolv.conf"}"""), "c2", "eth0", Ct));
        Assert.Equal("open /nonexistent/resolv.conf: no such file or directory", absent.Message);
    }

    [Fact]
    public async Task GC_keeps_valid_attachments_only_and_an_empty_list_releases_all()
    {
        var config = Ipam.Subnet("10.0.0.0/24");
        await _allocator.AddAsync(config, "keep", "eth0", Ct);
        await _allocator.AddAsync(config, "keep", "eth1", Ct);
        await _allocator.AddAsync(config, "gone", "eth0", Ct);
        var released = await _allocator.CollectGarbageAsync(config, [new CniAttachment { ContainerId = "keep", IfName = "eth0" }], Ct);
        Assert.Equal(["gone/eth0", "keep/eth1"], released.Select(a => $"{a.Owner.ContainerId}/{a.Owner.IfName}").Order());
        await _allocator.CheckAsync(config, "keep", "eth0", Ct);
        Assert.Single(await _allocator.CollectGarbageAsync(config, [], Ct));
        await Assert.ThrowsAsync<CniException>(() => _allocator.CheckAsync(config, "keep", "eth0", Ct));
    }

    [Fact]
    public async Task Status_fails_with_code_50_when_a_set_is_exhausted()
    {
        var config = Ipam.Subnet("10.0.0.0/30");
        await _allocator.CheckStatusAsync(config, Ct);
        await _allocator.AddAsync(config, "c1", "eth0", Ct);
        var error = await Assert.ThrowsAsync<CniException>(() => _allocator.CheckStatusAsync(config, Ct));
        Assert.Equal(CniErrorCode.PluginNotAvailable, error.Code);
        Assert.Equal("no IP addresses available in range set: 10.0.0.1-10.0.0.2", error.Message);
    }

    [Fact]
    public async Task A_huge_IPv6_range_is_walked_lazily_and_wraps()
    {
        var config = Ipam.Load("""{"subnet":"fd00::/64"}""", cniArgs: "IP=fd00::ffff:ffff:ffff:fffe");
        Assert.Equal(ulong.MaxValue - 1, (ulong)config.RangeSets[0].Capacity);
        await _allocator.AddAsync(config, "c0", "eth0", Ct);
        var plain = Ipam.Load("""{"subnet":"fd00::/64"}""");
        Assert.Equal("fd00::ffff:ffff:ffff:ffff/64", (await _allocator.AddAsync(plain, "c1", "eth0", Ct)).IPs[0].Text());
        Assert.Equal("fd00::2/64", (await _allocator.AddAsync(plain, "c2", "eth0", Ct)).IPs[0].Text());
        await _allocator.CheckStatusAsync(plain, Ct);
    }

    [Fact]
    public async Task The_memory_store_is_safe_under_parallel_allocations()
    {
        var config = Ipam.Subnet("10.0.0.0/24");
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => _allocator.AddAsync(config, $"c{i}", "eth0", Ct), Ct)));
        Assert.Equal(200, results.Select(r => r.IPs[0].Address).Distinct().Count());
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => _allocator.DeleteAsync(config, $"c{i}", "eth0", Ct), Ct)));
        Assert.Empty(await _allocator.CollectGarbageAsync(config, [], Ct));
    }
}
