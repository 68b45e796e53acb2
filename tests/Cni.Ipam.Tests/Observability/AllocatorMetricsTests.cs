using Cni.Testing;

namespace Cni.Ipam.Tests.Observability;

/// <summary>The allocator's instruments: operations timed by outcome, addresses allocated and released, errors by code, exhausted range sets.</summary>
[Collection(nameof(IpamObservabilityTests))]
public sealed class AllocatorMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Allocations_releases_rollbacks_errors_and_exhaustion_are_counted_and_operations_timed()
    {
        using var metrics = new InstrumentRecorder(IpamDiagnostics.MeterName);
        var allocator = new IpamAllocator(new IpamMemoryStore());
        var config = AllocatorSpanTests.TwoSets();

        await allocator.AddAsync(config, "ctr0", "eth0", Ct);
        await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "ctr1", "eth0", Ct));
        await allocator.DeleteAsync(config, "ctr0", "eth0", Ct);

        var allocated = Assert.Single(metrics.Of("cni.ipam.allocations"));
        Assert.Equal(2, allocated.Value);
        Assert.Equal("{address}", allocated.Unit);
        Assert.Equal("ADD", allocated.Tags["cni.command"]);
        Assert.Equal("net1", allocated.Tags["cni.network.name"]);
        Assert.Equal("memory", allocated.Tags["cni.ipam.store"]);

        // The rollback of the failed ADD, then the DEL.
        Assert.Equal(["ADD 1", "DEL 2"], metrics.Of("cni.ipam.releases").Select(m => $"{m.Tags["cni.command"]} {m.Value}"));

        var error = Assert.Single(metrics.Of("cni.ipam.errors"));
        Assert.Equal("ADD", error.Tags["cni.command"]);
        Assert.Equal(999, error.Tags["cni.error.code"]);

        var exhausted = Assert.Single(metrics.Of("cni.ipam.exhausted"));
        Assert.Equal(1, exhausted.Value);
        Assert.Equal("{range_set}", exhausted.Unit);

        var durations = metrics.Of("cni.ipam.operation.duration");
        Assert.Equal(["ADD success", "ADD error", "DEL success"], durations.Select(m => $"{m.Tags["cni.command"]} {m.Tags["cni.outcome"]}"));
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.All(durations, m => Assert.InRange(m.Value, double.Epsilon, 60));
        Assert.All(durations, m => Assert.False(m.Tags.ContainsKey("cni.container_id"), "container IDs are on spans only"));
    }

    [Fact]
    public async Task STATUS_counts_an_exhausted_range_set()
    {
        using var metrics = new InstrumentRecorder(IpamDiagnostics.MeterName);
        var allocator = new IpamAllocator(new IpamMemoryStore());
        var config = Ipam.Subnet("10.1.0.0/30");
        await allocator.AddAsync(config, "ctr0", "eth0", Ct);

        var error = await Assert.ThrowsAsync<CniException>(() => allocator.CheckStatusAsync(config, Ct));

        Assert.Equal(CniErrorCode.PluginNotAvailable, error.Code);
        Assert.Equal("STATUS", Assert.Single(metrics.Of("cni.ipam.exhausted")).Tags["cni.command"]);
        var failed = Assert.Single(metrics.Of("cni.ipam.errors"));
        Assert.Equal(50, failed.Tags["cni.error.code"]);
    }
}
