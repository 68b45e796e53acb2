using System.Text;
using System.Text.Json;

namespace Cni.Testing;

/// <summary>A trace's spans drawn as an indented tree, children in the order they started: what the trace tests compare.</summary>
public static class SpanTree
{
    /// <summary>One line per span: <c>name (service, kind)</c>, indented two spaces per level; spans whose parent is not in the trace are roots.</summary>
    /// <param name="spans">The trace's spans, as <see cref="OtlpReceiver"/> read them back.</param>
    /// <returns>The tree, each line ending with a line feed.</returns>
    public static string Draw(IReadOnlyList<ReceivedSpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        void Draw(string? parent, int depth)
        {
            var children = spans.Where(s => parent is null ? s.ParentSpanId is null || !ids.Contains(s.ParentSpanId) : s.ParentSpanId == parent)
                .OrderBy(s => ulong.Parse(s.Json.GetProperty("startTimeUnixNano").ToString(), System.Globalization.CultureInfo.InvariantCulture));
            foreach (var span in children)
            {
                text.Append(' ', depth * 2).Append(span.Name).Append(" (").Append(span.ServiceName).Append(", ").Append(Kind(span.Json)).Append(")\n");
                Draw(span.SpanId, depth + 1);
            }
        }

        Draw(null, 0);
        return text.ToString();
    }

    // OTLP JSON writes the kind as its enum number: 1 internal, 2 server, 3 client.
    private static string Kind(JsonElement span) => span.TryGetProperty("kind", out var kind) ? kind.ToString() switch
    {
        "1" or "SPAN_KIND_INTERNAL" => "internal",
        "2" or "SPAN_KIND_SERVER" => "server",
        "3" or "SPAN_KIND_CLIENT" => "client",
        var other => other,
    } : "internal";
}
