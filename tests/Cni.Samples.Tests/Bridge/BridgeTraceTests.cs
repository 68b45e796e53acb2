using System.Diagnostics;
using Cni.Ipam;
using Cni.Netlink;
using Cni.Plugins;
using Cni.Testing;

namespace Cni.Samples.Tests.Bridge;

/// <summary>
/// A real bridge ADD, traced: the bridge sample built with the exporter (eng/publish.sh --otel bridge), run by the
/// reference libcni inside a node namespace, exports to a real OTLP receiver running in that namespace too; the
/// runtime's span is a TRACEPARENT the test chooses, which libcni passes on in the plugin's environment.
/// </summary>
public sealed class BridgeTraceTests
{
    private const string ContainerId = "cnit-trace-ctr";

    private static readonly string[] s_describedAttributes = ["cni.netlink.link.kind", "cni.netlink.link.name", "cni.plugins.masquerade.backend", "cni.ipam.store", "cni.container_id", "cni.ifname"];

    private static readonly string[] s_verbAttributes = ["cni.command", "cni.container_id", "cni.ifname", "cni.network.name", "cni.plugin.type", "cni.version", "cni.error.code"];

    [Fact]
    public async Task A_bridge_ADD_is_one_trace_its_verb_span_under_the_runtimes_and_the_IPAM_netlink_and_rule_spans_under_it()
    {
        using var node = TestNode.Traced();
        await TestNode.ExecAsync(node.Name, "ip", "link", "set", "lo", "up");
        using var receiver = OtlpReceiver.Start(node.Name);
        var container = node.AddContainer();
        var config = node.WriteConfig("trace.conflist", """
            {"cniVersion":"1.0.0","name":"cnit-trace","plugins":[
              {"type":"bridge","bridge":"cnit-br0","isGateway":true,"ipMasq":true,"macspoofchk":true,
               "ipam":{"type":"host-local","subnet":"10.250.0.0/24","dataDir":"DATADIR"}}]}
            """);
        var (traceId, runtimeSpan) = (ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

        var add = await node.LibcniAsync("add", config, container, ContainerId, environment: new Dictionary<string, string>
        {
            ["TRACEPARENT"] = $"00-{traceId.ToHexString()}-{runtimeSpan.ToHexString()}-01",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint.ToString(),
        });
        Assert.True(add.ExitCode == 0, add.Stdout + add.Stderr);
        Assert.Equal("10.250.0.2", TestNode.FirstAddress(add.Stdout));

        // The plugin sends all its spans in one export when the command is done: once one is there, all are.
        var spans = await receiver.WaitForTraceAsync(traceId.ToHexString(), 1, TimeSpan.FromSeconds(30));
        var verb = Assert.Single(spans, s => s.ParentSpanId == runtimeSpan.ToHexString());
        Assert.Equal(("ADD", "bridge", CniDiagnostics.ActivitySourceName), (verb.Name, verb.ServiceName, verb.ScopeName));
        Assert.StartsWith("ADD (bridge, server)\n", SpanTree.Draw(spans), StringComparison.Ordinal);
        Assert.Equal(
            $"cni.command=ADD cni.container_id={ContainerId} cni.ifname=eth0 cni.network.name=cnit-trace cni.plugin.type=bridge cni.version=1.0.0 cni.error.code=",
            string.Join(' ', s_verbAttributes.Select(key => $"{key}={verb.Attribute(key)}")));
        Assert.All(spans, s => Assert.True(DescendsFrom(s, verb, spans), $"{s.Name} ({s.ScopeName}) is not under the ADD span:\n{SpanTree.Draw(spans)}"));

        // What the other packages report in this ADD, children of the verb span: the allocation (Cni.Ipam, host-local's
        // file store, in the bridge's process), the bridge and the veth pair added (Cni.Netlink), the spoof-check and
        // masquerade rules (Cni.Plugins).
        var children = spans.Where(s => s.ParentSpanId == verb.SpanId).Select(Describe).ToList();
        Assert.Contains($"{IpamDiagnostics.ActivitySourceName}: ipam ADD file {ContainerId} eth0", children);
        Assert.Contains($"{NetlinkDiagnostics.ActivitySourceName}: add link bridge cnit-br0", children);
        Assert.Contains(children, c => c.StartsWith($"{NetlinkDiagnostics.ActivitySourceName}: add link veth veth", StringComparison.Ordinal));
        Assert.Contains($"{PluginDiagnostics.ActivitySourceName}: spoof check set up {ContainerId} eth0", children);
        Assert.Contains($"{PluginDiagnostics.ActivitySourceName}: masquerade set up iptables {ContainerId} eth0", children);

        var ipam = Assert.Single(spans, s => s.Name == "ipam ADD");
        Assert.Contains("10.250.0.2/24", ipam.Attribute("cni.ipam.addresses"), StringComparison.Ordinal);
        Assert.Contains(
            "ipam.store reserve 10.250.0.2 reserved",
            spans.Where(s => s.ParentSpanId == ipam.SpanId).Select(s => $"{s.Name} {s.Attribute("cni.ipam.address")} {s.Attribute("cni.ipam.store.outcome")}"));

        await TraceFile.SaveAsync(receiver, traceId, "bridge-add-trace.json");
    }

    // The scope and name of a span, and the attributes that say what it did.
    private static string Describe(ReceivedSpan span)
        => string.Join(' ', new[] { $"{span.ScopeName}: {span.Name}" }.Concat(s_describedAttributes.Select(span.Attribute).OfType<string>()));

    private static bool DescendsFrom(ReceivedSpan span, ReceivedSpan ancestor, IReadOnlyList<ReceivedSpan> spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
