using System.Net;
using System.Text;

namespace Cni.Ipam.CustomStore.Tests;

/// <summary>
/// The allocator's contract over a store written against Cni.Ipam's public API alone: ADD, DEL, CHECK and GC
/// behave as over the built-in stores, concurrent allocators never share an address, and the optional atomic
/// reservation refuses a second address for an attachment without writing anything and spares ADD a round trip.
/// </summary>
public sealed class KeyValueStoreContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly KeyValueServer _server = new();

    private static IpamConfiguration Config(string subnet, string? cniArgs = null)
        => IpamConfiguration.Load(
            NetworkConfig.Parse(Encoding.UTF8.GetBytes($$$"""{"cniVersion":"1.1.0","name":"net1","type":"bridge","ipam":{"type":"kv-ipam","subnet":"{{{subnet}}}"}}""")),
            CniArgs.Parse(cniArgs));

    private static string Address(CniResult result) => Assert.Single(result.IPs).Address.ToString();

    [Fact]
    public async Task ADD_goes_round_robin_CHECK_finds_it_and_DEL_releases_it()
    {
        var config = Config("10.0.0.0/29");
        var allocator = new IpamAllocator(new KeyValueIpamStore(_server));

        var first = await allocator.AddAsync(config, "c1", "eth0", Ct);
        var second = await allocator.AddAsync(config, "c2", "eth0", Ct);
        await allocator.CheckAsync(config, "c1", "eth0", Ct);
        await allocator.DeleteAsync(config, "c1", "eth0", Ct);
        var gone = await Assert.ThrowsAsync<CniException>(() => allocator.CheckAsync(config, "c1", "eth0", Ct));
        await allocator.DeleteAsync(config, "c1", "eth0", Ct); // nothing left to release: still a success
        var third = await allocator.AddAsync(config, "c3", "eth0", Ct);

        Assert.Equal(["10.0.0.2/29", "10.0.0.3/29", "10.0.0.4/29"], [Address(first), Address(second), Address(third)]);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), first.IPs[0].Gateway);
        Assert.Equal(CniErrorCode.Internal, gone.Code);
        Assert.Equal("host-local: Failed to find address added by container c1", gone.Message);
        Assert.Equal(
            ["net1/cursor/0 = 10.0.0.4", "net1/ips/10.0.0.3 = c2\r\neth0", "net1/ips/10.0.0.4 = c3\r\neth0", "net1/owners/c2/eth0/0 = 10.0.0.3", "net1/owners/c3/eth0/0 = 10.0.0.4"],
            _server.Snapshot().Select(kv => $"{kv.Key} = {kv.Value}"));
    }

    [Fact]
    public async Task GC_releases_every_allocation_not_in_use_and_damaged_records()
    {
        var config = Config("10.0.0.0/24");
        var allocator = new IpamAllocator(new KeyValueIpamStore(_server));
        await allocator.AddAsync(config, "keep", "eth0", Ct);
        await allocator.AddAsync(config, "drop", "eth0", Ct);
        await allocator.AddAsync(config, "keep", "eth1", Ct);
        Assert.True(_server.Commit([], [("net1/ips/10.0.0.99", "")])); // written by something else: no owner

        var released = await allocator.CollectGarbageAsync(config, [new CniAttachment { ContainerId = "keep", IfName = "eth0" }], Ct);

        Assert.Equal(3, released.Count);
        Assert.Equal(
            ["net1/ips/10.0.0.2 = keep\r\neth0", "net1/owners/keep/eth0/0 = 10.0.0.2"],
            _server.Snapshot().Where(kv => !kv.Key.Contains("/cursor/", StringComparison.Ordinal)).Select(kv => $"{kv.Key} = {kv.Value}"));
    }

    [Fact]
    public async Task A_second_address_for_an_attachment_is_refused_by_the_reservation_and_nothing_is_written()
    {
        var allocator = new IpamAllocator(new KeyValueIpamStore(_server));
        await allocator.AddAsync(Config("10.0.0.0/24"), "c1", "eth0", Ct);
        var before = _server.Snapshot();

        var next = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(Config("10.0.0.0/24"), "c1", "eth0", Ct));
        var requested = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(Config("10.0.0.0/24", "IP=10.0.0.50"), "c1", "eth0", Ct));

        const string Duplicate = "failed to allocate for range 0: 10.0.0.2 has been allocated to c1, duplicate allocation is not allowed";
        Assert.Equal(Duplicate, next.Message);
        Assert.Equal(Duplicate, requested.Message);
        Assert.Equal(before, _server.Snapshot());
    }

    [Fact]
    public async Task The_atomic_reservation_spares_ADD_the_owner_look_up()
    {
        var plain = new KeyValueServer();
        var config = Config("10.0.0.0/24");

        await new IpamAllocator(new KeyValueIpamStore(_server)).AddAsync(config, "c1", "eth0", Ct);
        await new IpamAllocator(new LookUpFirstStore(new KeyValueIpamStore(plain))).AddAsync(config, "c1", "eth0", Ct);

        // The cursor, then the reservation; without the capability the allocator first looks the owner up.
        Assert.Equal(2, _server.RoundTrips);
        Assert.Equal(3, plain.RoundTrips);
        Assert.Equal(_server.Snapshot(), plain.Snapshot());
    }

    [Fact]
    public async Task Sixteen_concurrent_allocators_never_share_an_address()
    {
        var config = Config("10.1.0.0/16");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var allocator = new IpamAllocator(new KeyValueIpamStore(_server));
            var mine = new List<string>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(Address(await allocator.AddAsync(config, $"w{worker}-c{i}", "eth0", Ct)));
            }

            return mine;
        }, Ct)));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Distinct().Count());
        Assert.Equal(400, _server.Snapshot().Count(kv => kv.Key.StartsWith("net1/ips/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Concurrent_ADDs_of_one_attachment_give_it_one_address()
    {
        var config = Config("10.1.0.0/16");
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait(Ct);
            try
            {
                return Address(await new IpamAllocator(new KeyValueIpamStore(_server)).AddAsync(config, "same", "eth0", Ct));
            }
            catch (CniException e) when (e.Message.EndsWith("duplicate allocation is not allowed", StringComparison.Ordinal))
            {
                return null;
            }
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, address => address is not null);
        Assert.Single(_server.Snapshot(), kv => kv.Key.StartsWith("net1/ips/", StringComparison.Ordinal));
    }
}
