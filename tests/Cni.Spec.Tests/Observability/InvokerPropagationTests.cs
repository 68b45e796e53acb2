using System.Diagnostics;
using Cni.Tests.Invoke;

namespace Cni.Tests.Observability;

/// <summary>
/// The invoker hands the current span to the plugin process it starts, as <c>TRACEPARENT</c>,
/// <c>TRACESTATE</c> and <c>BAGGAGE</c>; seen by a real child process (a shell script that records them).
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class InvokerPropagationTests : IDisposable
{
    private const string ForeignTraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_plugin_gets_the_current_span_as_its_parent()
    {
        using var spans = new SpanRecorder();
        var plugin = TraceRecordingPlugin.Write(_folder, "recorder");
        using var caller = SpanRecorder.TestSource.StartActivity("caller");
        Assert.NotNull(caller);
        caller.TraceStateString = "congo=t61rcWkgMzE";
        caller.AddBaggage("tenant", "blue");
        caller.AddBaggage("pod", "web 1");

        await Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Ct);

        var seen = TraceRecordingPlugin.Read(plugin);
        Assert.Equal($"00-{caller.TraceId.ToHexString()}-{caller.SpanId.ToHexString()}-01", seen.TraceParent);
        Assert.Equal("congo=t61rcWkgMzE", seen.TraceState);
        Assert.Equal(new Dictionary<string, string> { ["tenant"] = "blue", ["pod"] = "web%201" }, seen.BaggageEntries);
    }

    [Fact]
    public async Task The_current_span_replaces_trace_context_this_process_inherited()
    {
        using var spans = new SpanRecorder();
        var plugin = TraceRecordingPlugin.Write(_folder, "recorder");
        var invoker = Quiet.Invoker(o =>
        {
            o.Environment["TRACEPARENT"] = ForeignTraceParent;
            o.Environment["TRACESTATE"] = "stale=1";
            o.Environment["BAGGAGE"] = "stale=1";
        });
        using var caller = SpanRecorder.TestSource.StartActivity("caller", ActivityKind.Internal, parentContext: default);
        Assert.NotNull(caller);

        await invoker.ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Ct);

        // State and baggage belong to the parent they came with: without any of its own, the span sends none.
        Assert.Equal(new TraceVariables(TraceVariables.TraceParentOf(caller), TraceRecordingPlugin.Unset, TraceRecordingPlugin.Unset), TraceRecordingPlugin.Read(plugin));
    }

    [Fact]
    public async Task Without_a_current_span_inherited_trace_context_passes_through_unchanged()
    {
        var plugin = TraceRecordingPlugin.Write(_folder, "recorder");
        var invoker = Quiet.Invoker(o =>
        {
            o.Environment["TRACEPARENT"] = ForeignTraceParent;
            o.Environment["TRACESTATE"] = "rojo=00f067aa0ba902b7";
            o.Environment["BAGGAGE"] = "tenant=blue";
        });
        Assert.Null(Activity.Current);

        await invoker.ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Ct);

        Assert.Equal(new TraceVariables(ForeignTraceParent, "rojo=00f067aa0ba902b7", "tenant=blue"), TraceRecordingPlugin.Read(plugin));
    }

    [Fact]
    public async Task Without_a_current_span_no_trace_context_is_added()
    {
        var plugin = TraceRecordingPlugin.Write(_folder, "recorder");
        Assert.Null(Activity.Current);

        await Quiet.Invoker().ExecAsync(plugin, "{}"u8.ToArray(), Quiet.Add, Ct);

        // Whatever this test process itself inherited (normally nothing) is all the plugin sees.
        Assert.Equal(
            new TraceVariables(Inherited("TRACEPARENT"), Inherited("TRACESTATE"), Inherited("BAGGAGE")),
            TraceRecordingPlugin.Read(plugin));
    }

    [Fact]
    public async Task A_delegated_plugin_runs_in_its_own_client_span_which_is_its_parent()
    {
        using var spans = new SpanRecorder();
        var bin = _folder.Folder("bin");
        var ipam = TraceRecordingPlugin.Write(_folder, "bin/cnit-ipam");
        var invoker = Quiet.Invoker(o =>
        {
            o.Environment["CNI_COMMAND"] = "ADD";
            o.Environment["CNI_CONTAINERID"] = "cnit-ctr";
            o.Environment["CNI_NETNS"] = "/var/run/netns/cnit-ns";
            o.Environment["CNI_IFNAME"] = "eth0";
            o.Environment["CNI_PATH"] = bin;
            o.Environment["TRACEPARENT"] = ForeignTraceParent;
        });
        using var verb = SpanRecorder.TestSource.StartActivity("verb");
        Assert.NotNull(verb);

        await invoker.DelegateAddAsync("cnit-ipam", """{"cniVersion":"1.0.0","name":"n","ipam":{"type":"cnit-ipam"}}"""u8.ToArray(), Ct);

        var invocation = spans.Single("ADD cnit-ipam");
        Assert.Equal(ActivityKind.Client, invocation.Kind);
        Assert.Equal(verb.SpanId, invocation.ParentSpanId);
        Assert.Equal("ADD", invocation.GetTagItem("cni.command"));
        Assert.Equal("cnit-ipam", invocation.GetTagItem("cni.plugin.type"));
        Assert.Equal(ipam, invocation.GetTagItem("cni.plugin.path"));
        Assert.Equal(TraceVariables.TraceParentOf(invocation), TraceRecordingPlugin.Read(ipam).TraceParent);
    }

    [Fact]
    public async Task A_failed_delegate_fails_its_span_with_the_code()
    {
        using var spans = new SpanRecorder();
        var bin = _folder.Folder("bin");
        _folder.Script("bin/cnit-ipam", """printf '{"cniVersion":"1.0.0","code":11,"msg":"busy"}'; exit 1""");
        var invoker = Quiet.Invoker(o =>
        {
            o.Environment["CNI_PATH"] = bin;
        });

        await Assert.ThrowsAsync<CniException>(() => invoker.DelegateDelAsync("cnit-ipam", """{"cniVersion":"1.0.0","name":"n"}"""u8.ToArray(), Ct));

        var invocation = spans.Single("DEL cnit-ipam");
        Assert.Equal(ActivityStatusCode.Error, invocation.Status);
        Assert.Equal("busy", invocation.StatusDescription);
        Assert.Equal(11, invocation.GetTagItem("cni.error.code"));
    }

    private static string Inherited(string name) => Environment.GetEnvironmentVariable(name) ?? TraceRecordingPlugin.Unset;
}
