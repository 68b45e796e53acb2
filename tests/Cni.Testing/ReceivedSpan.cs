using System.Text.Json;

namespace Cni.Testing;

/// <summary>A span as <see cref="OtlpReceiver"/> read it back.</summary>
/// <param name="TraceId">The trace id (32 hex digits).</param>
/// <param name="SpanId">The span id (16 hex digits).</param>
/// <param name="ParentSpanId">The parent's span id, <see langword="null"/> for a root span.</param>
/// <param name="Name">The span's name.</param>
/// <param name="ServiceName">The <c>service.name</c> of the resource that sent it.</param>
/// <param name="ScopeName">The instrumentation scope (the ActivitySource's name).</param>
/// <param name="Json">The span's OTLP JSON, for attributes and status.</param>
public sealed record ReceivedSpan(string TraceId, string SpanId, string? ParentSpanId, string Name, string? ServiceName, string? ScopeName, JsonElement Json);
