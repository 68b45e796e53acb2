namespace Cni.Netlink.Tests.Observability;

/// <summary>Request and wait durations, and failures by errno, measured on the real kernel.</summary>
[Collection(nameof(ObservabilityTests))]
public sealed class NetlinkMetricsTests
{
    [Fact]
    public void Requests_are_measured_by_operation_and_outcome_and_failures_counted_by_errno()
    {
        using var ns = TestNamespace.Create();
        using var recorder = new InstrumentRecorder(NetlinkDiagnostics.MeterName);

        ns.Socket.AddLink(new BridgeSpec("cnit-obm-br"));
        Assert.Throws<NetlinkException>(() => ns.Socket.AddLink(new BridgeSpec("cnit-obm-br")));
        ns.Socket.DeleteLink("cnit-obm-br");

        var durations = recorder.Of("cni.netlink.request.duration");
        Assert.Equal(
            [("add link", "success"), ("add link", "error"), ("delete link", "success")],
            durations.Select(m => ((string?)m.Tags["cni.netlink.operation"], (string?)m.Tags["cni.netlink.outcome"])));
        Assert.All(durations, m =>
        {
            Assert.Equal("s", m.Unit);
            Assert.InRange(m.Value, double.Epsilon, 60);
        });
        var error = Assert.Single(recorder.Of("cni.netlink.request.errors"));
        Assert.Equal(1, error.Value);
        Assert.Equal("add link", error.Tags["cni.netlink.operation"]);
        Assert.Equal("EEXIST", error.Tags["cni.netlink.errno"]);
    }

    [Fact]
    public void Waits_are_measured_by_outcome()
    {
        using var ns = TestNamespace.Create();
        var bridge = ns.AddBridge("cnit-obm-w");
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.IPv4Address);
        using var recorder = new InstrumentRecorder(NetlinkDiagnostics.MeterName);

        ns.Socket.AddAddress(bridge, System.Net.IPAddress.Parse("10.79.1.1"), 24);
        Assert.True(monitor.WaitForAddress(a => a.LinkIndex == bridge, TimeSpan.FromSeconds(10)));
        Assert.False(monitor.WaitForAddress(_ => false, TimeSpan.FromMilliseconds(50)));

        var waits = recorder.Of("cni.netlink.wait.duration");
        Assert.Equal(
            [("wait for address", "matched"), ("wait for address", "timed_out")],
            waits.Select(m => ((string?)m.Tags["cni.netlink.operation"], (string?)m.Tags["cni.netlink.outcome"])));
        Assert.InRange(waits[1].Value, 0.045, 60);
        Assert.Empty(recorder.Of("cni.netlink.request.duration"));
    }
}
