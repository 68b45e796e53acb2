using System.Diagnostics;

namespace Cni.Netlink.Tests.Observability;

/// <summary>The spans of link creation, deletion and moves, and of blocking waits, on the real kernel in namespaces the tests create.</summary>
[Collection(nameof(ObservabilityTests))]
public sealed class NetlinkSpanTests
{
    private static readonly ActivitySource TestSource = new(ObservabilityTests.TestSourceName);

    [Fact]
    public void Adding_and_deleting_a_link_are_spans_under_the_callers_span()
    {
        using var ns = TestNamespace.Create();
        using var recorder = new ActivityRecorder(NetlinkDiagnostics.ActivitySourceName, ObservabilityTests.TestSourceName);
        int index;
        ActivityContext caller;
        using (var parent = TestSource.StartActivity("caller")!)
        {
            caller = parent.Context;
            ns.Socket.AddLink(new BridgeSpec("cnit-obs-br"));
            index = ns.Socket.GetLink("cnit-obs-br").Index;
            ns.Socket.DeleteLink(index);
            ns.Socket.AddLink(new VethSpec("cnit-obs-v", "cnit-obs-p"));
            ns.Socket.DeleteLink("cnit-obs-v");
        }

        var spans = recorder.Of(NetlinkDiagnostics.ActivitySourceName);
        Assert.Equal(["add link", "delete link", "add link", "delete link"], spans.Select(s => s.OperationName));
        Assert.All(spans, s =>
        {
            Assert.Equal(caller.TraceId, s.TraceId);
            Assert.Equal(caller.SpanId, s.ParentSpanId);
            Assert.Equal(ActivityStatusCode.Unset, s.Status);
            Assert.Null(s.GetTagItem("cni.netlink.errno"));
        });
        Assert.Equal("add link", spans[0].GetTagItem("cni.netlink.operation"));
        Assert.Equal("bridge", spans[0].GetTagItem("cni.netlink.link.kind"));
        Assert.Equal("cnit-obs-br", spans[0].GetTagItem("cni.netlink.link.name"));
        Assert.Equal(index, spans[1].GetTagItem("cni.netlink.link.index"));
        Assert.Null(spans[1].GetTagItem("cni.netlink.link.name"));
        Assert.Equal("veth", spans[2].GetTagItem("cni.netlink.link.kind"));
        Assert.Equal("cnit-obs-v", spans[3].GetTagItem("cni.netlink.link.name"));
    }

    [Fact]
    public void A_link_that_exists_fails_its_span_with_the_errno()
    {
        using var ns = TestNamespace.Create();
        ns.AddBridge("cnit-obs-dup");
        using var recorder = new ActivityRecorder(NetlinkDiagnostics.ActivitySourceName);

        var error = Assert.Throws<NetlinkException>(() => ns.Socket.AddLink(new BridgeSpec("cnit-obs-dup")));
        Assert.Throws<NetlinkException>(() => ns.Socket.DeleteLink("cnit-obs-none"));

        var spans = recorder.Of(NetlinkDiagnostics.ActivitySourceName);
        Assert.Equal(2, spans.Count);
        Assert.Equal(ActivityStatusCode.Error, spans[0].Status);
        Assert.Equal(error.Message, spans[0].StatusDescription);
        Assert.Contains("EEXIST (File exists)", spans[0].StatusDescription, StringComparison.Ordinal);
        Assert.Equal("EEXIST", spans[0].GetTagItem("cni.netlink.errno"));
        Assert.Equal(ActivityStatusCode.Error, spans[1].Status);
        Assert.Equal("ENODEV", spans[1].GetTagItem("cni.netlink.errno"));
    }

    [Fact]
    public void Moving_a_veth_end_into_another_namespace_is_a_span()
    {
        using var node = TestNamespace.Create();
        using var container = TestNamespace.Create();
        node.Socket.AddLink(new VethSpec("cnit-obs-h", "cnit-obs-c"));
        var end = node.Socket.GetLink("cnit-obs-c").Index;
        using var recorder = new ActivityRecorder(NetlinkDiagnostics.ActivitySourceName);

        node.Socket.SetLinkNamespace(end, container.Namespace);

        var span = Assert.Single(recorder.Of(NetlinkDiagnostics.ActivitySourceName));
        Assert.Equal("move link to namespace", span.OperationName);
        Assert.Equal(end, span.GetTagItem("cni.netlink.link.index"));
        Assert.True(container.Socket.TryGetLink("cnit-obs-c", new LinkInfo()));
    }

    [Fact]
    public void Reads_and_other_changes_make_no_span()
    {
        using var ns = TestNamespace.Create();
        var bridge = ns.AddBridge("cnit-obs-rd");
        using var recorder = new ActivityRecorder(NetlinkDiagnostics.ActivitySourceName);

        ns.Socket.SetLinkMtu(bridge, 1400);
        ns.Socket.AddAddress(bridge, System.Net.IPAddress.Parse("10.79.0.1"), 24);
        Assert.True(ns.Socket.TryGetLink(bridge, new LinkInfo()));
        var links = 0;
        foreach (var link in ns.Socket.DumpLinks())
        {
            links += link.Index > 0 ? 1 : 0;
        }

        Assert.True(links >= 2);

        Assert.Empty(recorder.Of(NetlinkDiagnostics.ActivitySourceName));
    }

    [Fact]
    public void A_wait_is_a_span_that_says_whether_it_matched_or_timed_out()
    {
        using var ns = TestNamespace.Create();
        ns.Socket.AddLink(new VethSpec("cnit-obs-wa", "cnit-obs-wb"));
        var a = ns.Socket.GetLink("cnit-obs-wa").Index;
        var b = ns.Socket.GetLink("cnit-obs-wb").Index;
        using var monitor = NetlinkMonitor.Open(ns.Namespace, NetlinkGroups.Link);
        using var recorder = new ActivityRecorder(NetlinkDiagnostics.ActivitySourceName);

        ns.Socket.SetLinkUp(a);
        ns.Socket.SetLinkUp(b);
        Assert.True(monitor.WaitForLink(l => l.Index == a && l.OperationalState == OperationalState.Up, TimeSpan.FromSeconds(10)));
        Assert.False(monitor.WaitForLink(_ => false, TimeSpan.FromMilliseconds(50)));

        var spans = recorder.Of(NetlinkDiagnostics.ActivitySourceName);
        Assert.Equal(["wait for link", "wait for link"], spans.Select(s => s.OperationName));
        Assert.Equal("matched", spans[0].GetTagItem("cni.netlink.outcome"));
        Assert.Equal(10.0, spans[0].GetTagItem("cni.netlink.wait.timeout"));
        Assert.Equal("timed_out", spans[1].GetTagItem("cni.netlink.outcome"));
        Assert.Equal(0.05, spans[1].GetTagItem("cni.netlink.wait.timeout"));
        Assert.True(spans[1].Duration >= TimeSpan.FromMilliseconds(45), $"the timed-out wait's span lasted {spans[1].Duration}");
        Assert.All(spans, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
    }
}
