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
public sealed record ReceivedSpan(string TraceId, string SpanId, string? ParentSpanId, string Name, string? ServiceName, string? ScopeName, JsonElement Json)
{
    /// <summary>An attribute's value as text (OTLP JSON writes integers as strings too); <see langword="null"/> when the span has none of that name.</summary>
    /// <param name="key">The attribute's name, e.g. <c>cni.command</c>.</param>
    /// <returns>Its value.</returns>
    public string? Attribute(string key)
    {
        if (!Json.TryGetProperty("attributes", out var attributes))
        {
            return null;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            if (attribute.GetProperty("key").GetString() == key)
            {
                var value = attribute.GetProperty("value").EnumerateObject().Single().Value;
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }

        return null;
    }
}
