using System.Diagnostics;
using Cni.Tests.Invoke;

namespace Cni.Tests.Observability;

/// <summary>
/// The runtime side's spans: one per network operation, one per plugin it runs, and each plugin
/// process started with its own invocation span as <c>TRACEPARENT</c> (two shell-script plugins in a chain).
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class RuntimeSpanTests : IDisposable
{
    private readonly PluginFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CniAttachmentRequest Attachment => new() { ContainerId = "cnit-ctr", NetNs = "/var/run/netns/cnit-ns", IfName = "eth0" };

    [Fact]
    public async Task Each_plugin_of_a_chain_is_the_child_of_its_own_invocation_span()
    {
        using var spans = new SpanRecorder();
        var first = TraceRecordingPlugin.Write(_folder, "cnit-first");
        var second = TraceRecordingPlugin.Write(_folder, "cnit-second");
        var runtime = Runtime();
        using var caller = SpanRecorder.TestSource.StartActivity("caller");
        Assert.NotNull(caller);

        await runtime.AddAsync(Chain(), Attachment, Ct);

        var operation = spans.Single("network ADD");
        Assert.Equal(ActivityKind.Internal, operation.Kind);
        Assert.Equal(caller.SpanId, operation.ParentSpanId);
        Assert.Equal("ADD", operation.GetTagItem("cni.command"));
        Assert.Equal("cnit-chain", operation.GetTagItem("cni.network.name"));
        Assert.Equal("1.0.0", operation.GetTagItem("cni.version"));
        Assert.Equal("cnit-ctr", operation.GetTagItem("cni.container_id"));
        Assert.Equal("eth0", operation.GetTagItem("cni.ifname"));
        foreach (var (type, path) in new[] { ("cnit-first", first), ("cnit-second", second) })
        {
            var invocation = spans.Single($"ADD {type}");
            Assert.Equal(ActivityKind.Client, invocation.Kind);
            Assert.Equal(operation.SpanId, invocation.ParentSpanId);
            Assert.Equal(caller.TraceId, invocation.TraceId);
            Assert.Equal(type, invocation.GetTagItem("cni.plugin.type"));
            Assert.Equal(path, invocation.GetTagItem("cni.plugin.path"));
            Assert.Equal(TraceVariables.TraceParentOf(invocation), TraceRecordingPlugin.Read(path).TraceParent);
        }
    }

    [Fact]
    public async Task DEL_CHECK_GC_and_STATUS_have_their_spans()
    {
        using var spans = new SpanRecorder();
        TraceRecordingPlugin.Write(_folder, "cnit-first");
        TraceRecordingPlugin.Write(_folder, "cnit-second");
        var runtime = Runtime();
        var list = Chain("1.1.0");

        await runtime.AddAsync(list, Attachment, Ct);
        await runtime.CheckAsync(list, Attachment, Ct);
        await runtime.StatusAsync(list, Ct);
        await runtime.CollectGarbageAsync(list, [], Ct);

        foreach (var command in new[] { "ADD", "CHECK", "STATUS", "GC" })
        {
            var operation = spans.Single($"network {command}");
            Assert.Equal(2, spans.Spans.Count(s => s.ParentSpanId == operation.SpanId && s.Kind == ActivityKind.Client));
        }

        // GC deletes the stale attachment first: a whole DEL inside it, plugins in reverse order.
        var gc = spans.Single("network GC");
        var del = spans.Single("network DEL");
        Assert.Equal(gc.SpanId, del.ParentSpanId);
        string[] reverseOrder = ["DEL cnit-second", "DEL cnit-first"];
        Assert.Equal(reverseOrder, spans.Spans.Where(s => s.ParentSpanId == del.SpanId).OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName));
    }

    [Fact]
    public async Task A_failing_plugin_fails_its_invocation_and_the_operation_with_the_code()
    {
        using var spans = new SpanRecorder();
        TraceRecordingPlugin.Write(_folder, "cnit-first");
        _folder.Script("cnit-second", """printf '{"cniVersion":"1.0.0","code":7,"msg":"bad config"}'; exit 1""");

        var error = await Assert.ThrowsAsync<CniException>(() => Runtime().AddAsync(Chain(), Attachment, Ct));

        var invocation = spans.Single("ADD cnit-second");
        Assert.Equal(ActivityStatusCode.Error, invocation.Status);
        Assert.Equal("bad config", invocation.StatusDescription);
        Assert.Equal(7, invocation.GetTagItem("cni.error.code"));
        var operation = spans.Single("network ADD");
        Assert.Equal(ActivityStatusCode.Error, operation.Status);
        Assert.Equal(error.Message, operation.StatusDescription);
        Assert.Equal(7, operation.GetTagItem("cni.error.code"));
        Assert.Equal(ActivityStatusCode.Unset, spans.Single("ADD cnit-first").Status);
    }

    [Fact]
    public async Task A_plugin_not_found_fails_its_invocation_span()
    {
        using var spans = new SpanRecorder();
        TraceRecordingPlugin.Write(_folder, "cnit-first");

        await Assert.ThrowsAsync<CniException>(() => Runtime().AddAsync(Chain(), Attachment, Ct));

        var invocation = spans.Single("ADD cnit-second");
        Assert.Equal(ActivityStatusCode.Error, invocation.Status);
        Assert.Null(invocation.GetTagItem("cni.plugin.path"));
    }

    private CniRuntime Runtime()
    {
        var options = new CniRuntimeOptions { CacheDirectory = Path.Join(_folder.Path, "cache") };
        options.PluginPaths.Add(_folder.Path);
        return new CniRuntime(options, Quiet.Invoker());
    }

    private static NetworkConfigList Chain(string version = "1.0.0") => NetworkConfigList.Parse(
        System.Text.Encoding.UTF8.GetBytes($$"""{"cniVersion":"{{version}}","name":"cnit-chain","plugins":[{"type":"cnit-first"},{"type":"cnit-second"}]}"""));
}
