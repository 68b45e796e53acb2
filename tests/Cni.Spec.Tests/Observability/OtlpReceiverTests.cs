using Cni.Testing;

namespace Cni.Spec.Tests.Observability;

/// <summary>
/// The receiver the trace tests read spans back from: the real Aspire dashboard, started by the
/// test. Two spans sent as OTLP/HTTP JSON (the protocol's JSON encoding) come back as one trace,
/// parent and child, with their service and scope.
/// </summary>
public sealed class OtlpReceiverTests
{
    [Fact]
    public async Task Spans_sent_over_OTLP_HTTP_come_back_as_one_trace_with_parent_and_child()
    {
        using var receiver = OtlpReceiver.Start();
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        const string Parent = "1111111111111111", Child = "2222222222222222";
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        string Span(string id, string parent, string name) =>
            $$$"""{"traceId":"{{{traceId}}}","spanId":"{{{id}}}","parentSpanId":"{{{parent}}}","name":"{{{name}}}","kind":1,"startTimeUnixNano":"{{{start}}}","endTimeUnixNano":"{{{start + 1_000_000}}}"}""";
        var request = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cnit-service"}}]},
              "scopeSpans":[{"scope":{"name":"Cni.Spec"},"spans":[{{{Span(Parent, "", "ADD")}}},{{{Span(Child, Parent, "exec host-local")}}}]}]}]}
            """;

        using var http = new HttpClient();
        using var content = new StringContent(request, System.Text.Encoding.UTF8, "application/json");
        using var sent = await http.PostAsync(new Uri(receiver.HttpEndpoint, "/v1/traces"), content, TestContext.Current.CancellationToken);
        Assert.True(sent.IsSuccessStatusCode, $"{(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");

        var spans = await receiver.WaitForTraceAsync(traceId, 2, TimeSpan.FromSeconds(10));
        Assert.Equal(2, spans.Count);
        var parent = Assert.Single(spans, s => s.SpanId == Parent);
        var child = Assert.Single(spans, s => s.SpanId == Child);
        Assert.Null(parent.ParentSpanId);
        Assert.Equal(Parent, child.ParentSpanId);
        Assert.Equal(("ADD", "exec host-local"), (parent.Name, child.Name));
        Assert.All(spans, s => Assert.Equal(("cnit-service", "Cni.Spec"), (s.ServiceName, s.ScopeName)));
        Assert.Empty(await receiver.GetTraceAsync(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())));
    }
}
