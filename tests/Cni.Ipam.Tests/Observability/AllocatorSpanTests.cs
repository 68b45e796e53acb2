using System.Diagnostics;
using Cni.Testing;

namespace Cni.Ipam.Tests.Observability;

/// <summary>The allocator's spans: one per operation under the caller's span, one per store round trip under it, with their attributes and error status.</summary>
[Collection(nameof(IpamObservabilityTests))]
public sealed class AllocatorSpanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_ADD_is_a_child_of_the_callers_span_with_a_span_per_store_round_trip()
    {
        using var spans = new ActivityRecorder(IpamDiagnostics.ActivitySourceName);
        using var dir = new TempDir();
        var allocator = new IpamAllocator(new IpamFileStore());
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        using (caller)
        {
            await allocator.AddAsync(Ipam.Subnet("10.0.0.0/29", dir.Path), "ctr1", "eth0", Ct);
        }

        var add = spans.One("ipam ADD", caller.TraceId);
        Assert.Equal(caller.SpanId, add.ParentSpanId);
        Assert.Equal(ActivityKind.Internal, add.Kind);
        Assert.Equal(ActivityStatusCode.Unset, add.Status);
        Assert.Equal("ADD", add.GetTagItem("cni.command"));
        Assert.Equal("net1", add.GetTagItem("cni.network.name"));
        Assert.Equal("ctr1", add.GetTagItem("cni.container_id"));
        Assert.Equal("eth0", add.GetTagItem("cni.ifname"));
        Assert.Equal("file", add.GetTagItem("cni.ipam.store"));
        Assert.Equal(["10.0.0.2/29"], Assert.IsType<string[]>(add.GetTagItem("cni.ipam.addresses")));

        var roundTrips = spans.Spans.Where(s => s.ParentSpanId == add.SpanId).ToList();
        Assert.Equal(
            ["ipam.store open", "ipam.store find_owner", "ipam.store last_reserved", "ipam.store reserve", "ipam.store close"],
            roundTrips.Select(s => s.OperationName));
        Assert.All(roundTrips, s => Assert.Equal("file", s.GetTagItem("cni.ipam.store")));
        var reserve = roundTrips[3];
        Assert.Equal("10.0.0.2", reserve.GetTagItem("cni.ipam.address"));
        Assert.Equal(0, reserve.GetTagItem("cni.ipam.range_set"));
        Assert.Equal("reserved", reserve.GetTagItem("cni.ipam.store.outcome"));
    }

    [Fact]
    public async Task A_failed_ADD_has_the_error_and_what_it_rolled_back()
    {
        using var spans = new ActivityRecorder(IpamDiagnostics.ActivitySourceName);
        var allocator = new IpamAllocator(new IpamMemoryStore());
        var config = TwoSets();
        await allocator.AddAsync(config, "ctr0", "eth0", Ct);
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        CniException error;
        using (caller)
        {
            error = await Assert.ThrowsAsync<CniException>(() => allocator.AddAsync(config, "ctr1", "eth0", Ct));
        }

        var add = spans.One("ipam ADD", caller.TraceId);
        Assert.Equal(ActivityStatusCode.Error, add.Status);
        Assert.Equal(error.Message, add.StatusDescription);
        Assert.StartsWith("failed to allocate for range 1: no IP addresses available", error.Message, StringComparison.Ordinal);
        Assert.Equal(999, add.GetTagItem("cni.error.code"));
        Assert.Null(add.GetTagItem("cni.ipam.addresses"));
        Assert.Equal(["10.0.0.3"], Assert.IsType<string[]>(add.GetTagItem("cni.ipam.rolled_back")));
        Assert.Empty(add.Events);
        var release = Assert.Single(spans.Spans, s => s.ParentSpanId == add.SpanId && s.OperationName == "ipam.store release");
        Assert.Equal("10.0.0.3", release.GetTagItem("cni.ipam.address"));
        Assert.Equal("released", release.GetTagItem("cni.ipam.store.outcome"));
    }

    [Fact]
    public async Task DEL_GC_CHECK_and_STATUS_have_spans_of_their_own()
    {
        using var spans = new ActivityRecorder(IpamDiagnostics.ActivitySourceName);
        var allocator = new IpamAllocator(new IpamMemoryStore());
        var config = Ipam.Subnet("10.0.0.0/29");
        await allocator.AddAsync(config, "ctr1", "eth0", Ct);
        await allocator.AddAsync(config, "ctr2", "eth0", Ct);
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        using (caller)
        {
            await allocator.DeleteAsync(config, "ctr1", "eth0", Ct);
            await Assert.ThrowsAsync<CniException>(() => allocator.CheckAsync(config, "ctr1", "eth0", Ct));
            await allocator.CheckStatusAsync(config, Ct);
            await allocator.CollectGarbageAsync(config, [], Ct);
        }

        var del = spans.One("ipam DEL", caller.TraceId);
        Assert.Equal(["10.0.0.2"], Assert.IsType<string[]>(del.GetTagItem("cni.ipam.addresses")));
        Assert.Equal("ctr1", del.GetTagItem("cni.container_id"));
        Assert.Equal("memory", del.GetTagItem("cni.ipam.store"));

        var check = spans.One("ipam CHECK", caller.TraceId);
        Assert.Equal(ActivityStatusCode.Error, check.Status);
        Assert.Equal("host-local: Failed to find address added by container ctr1", check.StatusDescription);
        Assert.Equal(999, check.GetTagItem("cni.error.code"));

        var status = spans.One("ipam STATUS", caller.TraceId);
        Assert.Equal(ActivityStatusCode.Unset, status.Status);
        Assert.Null(status.GetTagItem("cni.container_id"));
        Assert.Equal(
            ["ipam.store open", "ipam.store ensure_writable", "ipam.store list_addresses", "ipam.store close"],
            spans.Spans.Where(s => s.ParentSpanId == status.SpanId).Select(s => s.OperationName));

        var gc = spans.One("ipam GC", caller.TraceId);
        Assert.Equal("GC", gc.GetTagItem("cni.command"));
        Assert.Equal(["10.0.0.3"], Assert.IsType<string[]>(gc.GetTagItem("cni.ipam.addresses")));
        Assert.All(new[] { del, check, status, gc }, s => Assert.Equal(caller.SpanId, s.ParentSpanId));
    }

    [Fact]
    public async Task A_store_of_your_own_is_named_after_its_type()
    {
        using var spans = new ActivityRecorder(IpamDiagnostics.ActivitySourceName);
        var allocator = new IpamAllocator(new IpamCountingStore());
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        using (caller)
        {
            await allocator.AddAsync(Ipam.Subnet("10.0.0.0/29"), "ctr1", "eth0", Ct);
        }

        Assert.Equal("counting", spans.One("ipam ADD", caller.TraceId).GetTagItem("cni.ipam.store"));
    }

    // Two range sets, the second with one address: ctr0 takes it, and the next ADD fails on it after reserving in the first.
    internal static IpamConfiguration TwoSets() => Ipam.Load("""{"type":"host-local","ranges":[[{"subnet":"10.0.0.0/29"}],[{"subnet":"10.1.0.0/30"}]]}""");

    /// <summary>A store of a test's own: the memory store under another name.</summary>
    private sealed class IpamCountingStore : IIpamStore
    {
        private readonly IpamMemoryStore _inner = new();

        public ValueTask<IIpamStoreSession> OpenAsync(IpamConfiguration configuration, CancellationToken cancellationToken = default)
            => _inner.OpenAsync(configuration, cancellationToken);
    }
}
