using System.Diagnostics;
using System.Net;
using Cni.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cni.Ipam.Etcd.Tests.Observability;

/// <summary>
/// The etcd store's calls as client spans under the allocator's store round trips, their durations, and
/// retries (a dead member, a reservation lost to another allocator) counted, logged and on the span; against a real etcd.
/// </summary>
[Collection(nameof(EtcdObservabilityTests))]
public sealed class EtcdTelemetryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EtcdCluster _etcd = null!;

    public async ValueTask InitializeAsync() => _etcd = await EtcdCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _etcd.DisposeAsync();

    [Fact]
    public async Task Each_call_is_a_client_span_under_the_allocators_round_trip_and_is_timed()
    {
        using var spans = new ActivityRecorder(IpamDiagnostics.ActivitySourceName, IpamEtcdDiagnostics.ActivitySourceName);
        using var metrics = new InstrumentRecorder(IpamEtcdDiagnostics.MeterName);
        using var store = new IpamEtcdStore();
        var allocator = new IpamAllocator(store);
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        using (caller)
        {
            await allocator.AddAsync(EtcdNetwork.Config(_etcd.ClientUrls, "10.22.0.0/24"), "ctr1", "eth0", Ct);
        }

        var add = spans.One("ipam ADD", caller.TraceId);
        Assert.Equal("etcd", add.GetTagItem("cni.ipam.store"));
        // The store reserves with the owner check in one transaction: no owner lookup first.
        var roundTrips = spans.Spans.Where(s => s.ParentSpanId == add.SpanId).ToList();
        Assert.Equal(["ipam.store open", "ipam.store last_reserved", "ipam.store reserve", "ipam.store close"], roundTrips.Select(s => s.OperationName));

        var range = Assert.Single(spans.Spans, s => s.ParentSpanId == roundTrips[1].SpanId);
        var txn = Assert.Single(spans.Spans, s => s.ParentSpanId == roundTrips[2].SpanId);
        Assert.Equal(("etcdserverpb.KV/Range", "etcdserverpb.KV/Txn"), (range.OperationName, txn.OperationName));
        var member = _etcd.ClientUrls[0];
        Assert.All(new[] { range, txn }, call =>
        {
            Assert.Equal(ActivityKind.Client, call.Kind);
            Assert.Equal(IpamEtcdDiagnostics.ActivitySourceName, call.Source.Name);
            Assert.Equal("grpc", call.GetTagItem("rpc.system"));
            Assert.Equal(call.OperationName, call.GetTagItem("rpc.method"));
            Assert.Equal(member.Host, call.GetTagItem("server.address"));
            Assert.Equal(member.Port, call.GetTagItem("server.port"));
            Assert.Empty(call.Events);
        });

        var durations = metrics.Of("cni.ipam.etcd.call.duration");
        Assert.Equal(["etcdserverpb.KV/Range success", "etcdserverpb.KV/Txn success"], durations.Select(m => $"{m.Tags["rpc.method"]} {m.Tags["cni.outcome"]}"));
        Assert.All(durations, m => Assert.Equal("s", m.Unit));
        Assert.Empty(metrics.Of("cni.ipam.etcd.retries"));
    }

    [Fact]
    public async Task A_dead_member_is_a_retry_counted_logged_as_a_warning_and_an_event_on_the_calls_span()
    {
        using var spans = new ActivityRecorder(IpamEtcdDiagnostics.ActivitySourceName);
        using var metrics = new InstrumentRecorder(IpamEtcdDiagnostics.MeterName);
        var log = new LogRecorder(LogLevel.Information);
        var dead = new Uri($"http://127.0.0.1:{LoopbackPorts.Take()}");
        // As a plugin gets it: the store from the services, with their logger.
        await using var services = new ServiceCollection().AddSingleton(log.For<IpamEtcdStore>()).AddEtcdIpam().BuildServiceProvider();
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        using (caller)
        {
            await services.GetRequiredService<IpamAllocator>().AddAsync(EtcdNetwork.Config([dead, .. _etcd.ClientUrls]), "ctr1", "eth0", Ct);
        }

        var retry = Assert.Single(metrics.Of("cni.ipam.etcd.retries"));
        Assert.Equal(("etcdserverpb.KV/Range", "unavailable", 1.0), (retry.Tags["rpc.method"], retry.Tags["cni.ipam.etcd.retry.reason"], retry.Value));
        var warning = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(typeof(IpamEtcdStore).FullName, warning.Category);
        Assert.StartsWith($"etcd etcdserverpb.KV/Range failed at {dead} (unavailable: Connection refused", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; trying again at {_etcd.ClientUrls[0]}", warning.Message, StringComparison.Ordinal);

        var range = spans.One("etcdserverpb.KV/Range", caller.TraceId);
        var retried = Assert.Single(range.Events);
        Assert.Equal("retry", retried.Name);
        Assert.Equal("unavailable", retried.Tags.Single(t => t.Key == "cni.ipam.etcd.retry.reason").Value);
        Assert.Equal(dead.Port, retried.Tags.Single(t => t.Key == "server.port").Value);
        Assert.Equal(_etcd.ClientUrls[0].Port, range.GetTagItem("server.port"));
    }

    [Fact]
    public async Task Node_blocks_log_their_calls_retries_and_make_lease_spans()
    {
        using var spans = new ActivityRecorder(IpamEtcdDiagnostics.ActivitySourceName);
        var log = new LogRecorder(LogLevel.Debug);
        var dead = new Uri($"http://127.0.0.1:{LoopbackPorts.Take()}");
        await using var blocks = new EtcdNodeBlocks(NodeBlocks.Etcd([dead, .. _etcd.ClientUrls]), NodeBlocks.Options(NodeBlocks.NewPrefix()), log.For<EtcdNodeBlocks>());
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        using (caller)
        {
            await blocks.ClaimAsync("node-a", IPAddress.Parse("192.0.2.1"), null, Ct);
        }

        Assert.All(log.Lines, l => Assert.Equal(typeof(EtcdNodeBlocks).FullName, l.Category));
        var retry = Assert.Single(log.Lines, l => l.Level == LogLevel.Warning);
        Assert.StartsWith($"etcd etcdserverpb.Lease/LeaseGrant failed at {dead} (unavailable: ", retry.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Debug && l.Message.StartsWith($"etcd etcdserverpb.KV/Txn answered by {_etcd.ClientUrls[0]} in ", StringComparison.Ordinal));
        Assert.NotEmpty(spans.Named("etcdserverpb.Lease/LeaseGrant", caller.TraceId));
    }

    [Fact]
    public async Task A_reservation_lost_to_another_allocator_after_the_session_looked_is_a_conflict()
    {
        using var metrics = new InstrumentRecorder(IpamEtcdDiagnostics.MeterName);
        var config = EtcdNetwork.Config(_etcd.ClientUrls, "10.22.0.0/24");
        using var store = new IpamEtcdStore();

        var session = Assert.IsAssignableFrom<IIpamAtomicReservation>(await store.OpenAsync(config, Ct));
        await using (session)
        {
            Assert.Null(await session.GetLastReservedAsync(0, Ct));
            // Another allocator takes the first address between this session's look and its reservation.
            await new IpamAllocator(store).AddAsync(config, "ctr1", "eth0", Ct);
            var reservation = await session.TryReserveForOwnerAsync(IPAddress.Parse("10.22.0.2"), new IpamOwner("ctr2", "eth0"), 0, Ct);
            Assert.Equal(IpamReservationOutcome.AddressTaken, reservation.Outcome);
        }

        var conflict = Assert.Single(metrics.Of("cni.ipam.etcd.retries"));
        Assert.Equal(("etcdserverpb.KV/Txn", "conflict"), (conflict.Tags["rpc.method"], conflict.Tags["cni.ipam.etcd.retry.reason"]));
    }

    [Fact]
    public async Task An_address_held_since_before_the_session_looked_is_in_use_not_a_conflict()
    {
        using var metrics = new InstrumentRecorder(IpamEtcdDiagnostics.MeterName);
        var config = EtcdNetwork.Config(_etcd.ClientUrls, "10.22.0.0/24");
        using var store = new IpamEtcdStore();
        await new IpamAllocator(store).AddAsync(config, "ctr1", "eth0", Ct);

        var session = Assert.IsAssignableFrom<IIpamAtomicReservation>(await store.OpenAsync(config, Ct));
        await using (session)
        {
            await session.GetLastReservedAsync(0, Ct);
            var reservation = await session.TryReserveForOwnerAsync(IPAddress.Parse("10.22.0.2"), new IpamOwner("ctr2", "eth0"), 0, Ct);
            Assert.Equal(IpamReservationOutcome.AddressTaken, reservation.Outcome);
        }

        Assert.Empty(metrics.Of("cni.ipam.etcd.retries"));
    }

    [Fact]
    public async Task A_call_that_fails_for_good_has_the_error_and_code_11()
    {
        using var spans = new ActivityRecorder(IpamEtcdDiagnostics.ActivitySourceName);
        using var metrics = new InstrumentRecorder(IpamEtcdDiagnostics.MeterName);
        using var store = new IpamEtcdStore();
        var caller = ActivityRecorder.CallerSource.StartActivity("caller");
        Assert.NotNull(caller);
        CniException error;
        using (caller)
        {
            var config = EtcdNetwork.Config([new Uri($"http://127.0.0.1:{LoopbackPorts.Take()}")], timeout: "1s");
            error = await Assert.ThrowsAsync<CniException>(() => new IpamAllocator(store).AddAsync(config, "ctr1", "eth0", Ct));
        }

        var range = spans.One("etcdserverpb.KV/Range", caller.TraceId);
        Assert.Equal(ActivityStatusCode.Error, range.Status);
        Assert.Equal(error.Message, range.StatusDescription);
        Assert.Equal(11, range.GetTagItem("cni.error.code"));
        Assert.NotEmpty(range.Events);
        var failed = Assert.Single(metrics.Of("cni.ipam.etcd.call.duration"));
        Assert.Equal(("etcdserverpb.KV/Range", "error"), (failed.Tags["rpc.method"], failed.Tags["cni.outcome"]));
    }
}
