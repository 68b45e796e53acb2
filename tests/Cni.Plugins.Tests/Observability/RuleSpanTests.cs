using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Tests.Observability;

/// <summary>
/// The spans and Debug logs of rules written with the real tools, in a namespace the test creates. Only
/// operations that run a single tool process are run here: the first process starts on the thread that
/// entered the namespace, a later one (after an await) on a thread-pool thread in the test's own namespace.
/// </summary>
[Collection(nameof(ObservabilityTests))]
public sealed class RuleSpanTests : IDisposable
{
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private const string TestSourceName = "Cni.Plugins.Tests.Observability";

    private readonly TestNamespace _node = TestNamespace.Create();

    public void Dispose() => _node.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Iptables_masquerade_set_up_is_a_span_under_the_callers_and_its_rules_are_logged_at_Debug()
    {
        Requires.Command("iptables-restore");
        var logger = new RecordingLogger();
        var masquerade = new IpMasquerade("cnit-net", "eth0", "cnit-container-1", logger);
        using var spans = new ActivityRecorder(PluginDiagnostics.ActivitySourceName, TestSourceName);
        using var metrics = new InstrumentRecorder(PluginDiagnostics.MeterName);
        ActivityContext caller;
        using (var parent = TestSource.StartActivity("caller")!)
        {
            caller = parent.Context;
            _node.Namespace.Run(() => masquerade.SetUpAsync(IpMasqueradeBackend.Iptables, [IPCidr.Parse("10.99.0.5/24")], Ct).GetAwaiter().GetResult());
        }

        var span = Assert.Single(spans.Of(PluginDiagnostics.ActivitySourceName));
        Assert.Equal("masquerade set up", span.OperationName);
        Assert.Equal(caller.SpanId, span.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("iptables", span.GetTagItem("cni.plugins.masquerade.backend"));
        Assert.Equal("cnit-net", span.GetTagItem("cni.network.name"));
        Assert.Equal("cnit-container-1", span.GetTagItem("cni.container_id"));
        Assert.Equal("eth0", span.GetTagItem("cni.ifname"));
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, level);
        Assert.StartsWith("iptables-restore given:\n*nat\n", message, StringComparison.Ordinal);
        Assert.Contains("-A POSTROUTING -s 10.99.0.5 -j CNI-", message, StringComparison.Ordinal);
        Assert.Contains("-A POSTROUTING -s 10.99.0.5/32 -m comment", NatRules(), StringComparison.Ordinal);
        var duration = Assert.Single(metrics.Of("cni.plugins.rules.duration"));
        Assert.Equal("masquerade set up", duration.Tags["cni.plugins.operation"]);
        Assert.Equal("success", duration.Tags["cni.plugins.outcome"]);
    }

    [Fact]
    public void Spoof_check_set_up_is_a_span_and_a_refused_rule_fails_it_with_nfts_message()
    {
        Requires.Command("nft");
        var spoofCheck = new MacSpoofCheck("cnit-container-2", "eth0", new RecordingLogger());
        using var spans = new ActivityRecorder(PluginDiagnostics.ActivitySourceName);
        using var metrics = new InstrumentRecorder(PluginDiagnostics.MeterName);

        _node.Namespace.Run(() => spoofCheck.SetUpAsync("cnit-veth", "02:00:00:00:00:01", Ct).GetAwaiter().GetResult());
        var error = Assert.Throws<CniException>(() => _node.Namespace.Run(() => spoofCheck.SetUpAsync("cnit-veth", "not-a-mac", Ct).GetAwaiter().GetResult()));

        var recorded = spans.Of(PluginDiagnostics.ActivitySourceName);
        Assert.Equal(["spoof check set up", "spoof check set up"], recorded.Select(s => s.OperationName));
        Assert.Equal(ActivityStatusCode.Unset, recorded[0].Status);
        Assert.Equal("cnit-container-2", recorded[0].GetTagItem("cni.container_id"));
        Assert.Equal(ActivityStatusCode.Error, recorded[1].Status);
        Assert.Equal(error.Message, recorded[1].StatusDescription);
        Assert.Equal(["success", "error"], metrics.Of("cni.plugins.rules.duration").Select(m => m.Tags["cni.plugins.outcome"]));
    }

    [Fact]
    public void Outbound_masquerade_is_a_span_tagged_with_its_table()
    {
        Requires.Command("nft");
        var masquerade = new OutboundMasquerade("cnit_cluster");
        using var spans = new ActivityRecorder(PluginDiagnostics.ActivitySourceName);

        _node.Namespace.Run(() => masquerade.ApplyAsync([IPCidr.Parse("10.244.1.0/24")], [IPCidr.Parse("10.244.0.0/16")], Ct).GetAwaiter().GetResult());
        _node.Namespace.Run(() => masquerade.RemoveAsync(Ct).GetAwaiter().GetResult());

        var recorded = spans.Of(PluginDiagnostics.ActivitySourceName);
        Assert.Equal(["outbound masquerade apply", "outbound masquerade remove"], recorded.Select(s => s.OperationName));
        Assert.All(recorded, s => Assert.Equal("inet cnit_cluster", s.GetTagItem("cni.plugins.nftables.table")));
    }

    private string NatRules()
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", _node.Name, "iptables", "-t", "nat", "-S"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
