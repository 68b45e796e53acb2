using System.Diagnostics;
using Cni.Tests.PluginHost;

namespace Cni.Tests.Observability;

/// <summary>
/// The plugin host's span for a command, in process: a child of the caller's span given as
/// <c>TRACEPARENT</c> (with <c>TRACESTATE</c> and <c>BAGGAGE</c>), invalid values ignored, its attributes,
/// and its error status.
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class PluginHostSpanTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ParentSpanId = "00f067aa0ba902b7";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_command_span_is_a_child_of_TRACEPARENT_with_its_state_and_baggage()
    {
        using var spans = new SpanRecorder();
        Activity? current = null;
        var environment = TestPlugins.AddEnvironment();
        environment["TRACEPARENT"] = $"00-{TraceId}-{ParentSpanId}-01";
        environment["TRACESTATE"] = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
        environment["BAGGAGE"] = "tenant=blue,pod=web%201";

        var output = await TestPlugins.Recording(_ => current = Activity.Current).InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.Equal(0, output.ExitCode);
        var add = spans.Single("ADD");
        Assert.Equal(ActivityKind.Server, add.Kind);
        Assert.Equal(TraceId, add.TraceId.ToHexString());
        Assert.Equal(ParentSpanId, add.ParentSpanId.ToHexString());
        Assert.True(add.HasRemoteParent);
        Assert.True(add.Recorded);
        Assert.Equal("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", add.TraceStateString);
        Assert.Equal("blue", add.GetBaggageItem("tenant"));
        Assert.Equal("web 1", add.GetBaggageItem("pod"));

        // Current while the handler ran, so what the handler starts or delegates is its child.
        Assert.Same(add, current);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01")]
    [InlineData("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")]
    [InlineData("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")]
    public async Task An_invalid_TRACEPARENT_is_ignored_and_the_command_runs(string traceParent)
    {
        using var spans = new SpanRecorder();
        var environment = TestPlugins.AddEnvironment();
        environment["TRACEPARENT"] = traceParent;
        environment["TRACESTATE"] = "congo=t61rcWkgMzE";

        var output = await TestPlugins.Recording().InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.Equal(0, output.ExitCode);
        Assert.Equal("", output.Stderr);
        var add = spans.Single("ADD");
        Assert.Null(add.ParentId);
        Assert.Equal(default, add.ParentSpanId);
        Assert.False(add.HasRemoteParent);
        Assert.NotEqual(TraceId, add.TraceId.ToHexString());
    }

    [Fact]
    public async Task Without_TRACEPARENT_the_span_is_a_child_of_the_current_activity()
    {
        using var spans = new SpanRecorder();
        using var caller = SpanRecorder.TestSource.StartActivity("caller");
        Assert.NotNull(caller);

        await TestPlugins.Recording().InvokeAsync(TestPlugins.AddEnvironment("DEL"), TestPlugins.Config(), Ct);

        var del = spans.Single("DEL");
        Assert.Equal(caller.TraceId, del.TraceId);
        Assert.Equal(caller.SpanId, del.ParentSpanId);
        Assert.False(del.HasRemoteParent);
    }

    [Fact]
    public async Task The_span_carries_the_request_in_cni_attributes()
    {
        using var spans = new SpanRecorder();

        await TestPlugins.Recording().InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config("1.0.0"), Ct);

        var add = spans.Single("ADD");
        Assert.Equal(ActivityStatusCode.Unset, add.Status);
        Assert.Equal("ADD", add.GetTagItem("cni.command"));
        Assert.Equal("cnit-ctr1", add.GetTagItem("cni.container_id"));
        Assert.Equal("eth0", add.GetTagItem("cni.ifname"));
        Assert.Equal("cnit-net", add.GetTagItem("cni.network.name"));
        Assert.Equal("bridge", add.GetTagItem("cni.plugin.type"));
        Assert.Equal("1.0.0", add.GetTagItem("cni.version"));
        Assert.Null(add.GetTagItem("cni.error.code"));
    }

    [Fact]
    public async Task VERSION_has_its_span_too()
    {
        using var spans = new SpanRecorder();

        await TestPlugins.Recording().InvokeAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "", Ct);

        var version = spans.Single("VERSION");
        Assert.Equal("VERSION", version.GetTagItem("cni.command"));
        Assert.Equal(ActivityStatusCode.Unset, version.Status);
    }

    [Fact]
    public async Task A_CNI_error_from_the_handler_sets_error_status_and_code()
    {
        using var spans = new SpanRecorder();
        var plugin = Plugin((_, _) => throw new CniException(CniErrorCode.TryAgainLater, "the store is busy", "lock held"));

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);

        Assert.Equal(1, output.ExitCode);
        var add = spans.Single("ADD");
        Assert.Equal(ActivityStatusCode.Error, add.Status);
        Assert.Equal("the store is busy", add.StatusDescription);
        Assert.Equal(11, add.GetTagItem("cni.error.code"));
        Assert.Empty(add.Events);
    }

    [Fact]
    public async Task An_unexpected_exception_is_code_999_with_an_exception_event()
    {
        using var spans = new SpanRecorder();
        var plugin = Plugin((_, _) => throw new InvalidOperationException("a bug"));

        var output = await plugin.InvokeAsync(TestPlugins.AddEnvironment(), TestPlugins.Config(), Ct);

        Assert.Equal(1, output.ExitCode);
        var add = spans.Single("ADD");
        Assert.Equal(ActivityStatusCode.Error, add.Status);
        Assert.Equal("a bug", add.StatusDescription);
        Assert.Equal(999, add.GetTagItem("cni.error.code"));
        var exception = Assert.Single(add.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal(typeof(InvalidOperationException).FullName, exception.Tags.Single(t => t.Key == "exception.type").Value);
    }

    [Fact]
    public async Task A_request_refused_before_any_handler_is_an_error_span_too()
    {
        using var spans = new SpanRecorder();
        var environment = TestPlugins.AddEnvironment();
        environment.Remove("CNI_NETNS");

        var output = await TestPlugins.Recording().InvokeAsync(environment, TestPlugins.Config(), Ct);

        Assert.Equal(1, output.ExitCode);
        var add = spans.Single("ADD");
        Assert.Equal(ActivityStatusCode.Error, add.Status);
        Assert.Equal(4, add.GetTagItem("cni.error.code"));
    }

    [Fact]
    public async Task An_unknown_command_is_named_unknown()
    {
        using var spans = new SpanRecorder();

        var output = await TestPlugins.Recording().InvokeAsync(TestPlugins.AddEnvironment("FROB"), TestPlugins.Config(), Ct);

        Assert.Equal(1, output.ExitCode);
        var unknown = spans.Single("unknown");
        Assert.Equal("unknown", unknown.GetTagItem("cni.command"));
        Assert.Equal(4, unknown.GetTagItem("cni.error.code"));
    }

    [Fact]
    public async Task No_command_is_no_span()
    {
        using var spans = new SpanRecorder();

        await TestPlugins.Recording().InvokeAsync(new Dictionary<string, string>(), "", Ct);

        Assert.Empty(spans.Spans);
    }

    internal static CniPlugin<NetworkConfig> Plugin(Func<CniRequest<NetworkConfig>, CancellationToken, Task<CniResult>> add)
    {
        var plugin = CniPlugin.CreateBuilder().Build();
        plugin.OnAdd(add);
        return plugin;
    }
}
