using System.Diagnostics;

namespace Cni.Tests.Observability;

/// <summary>The trace variables a plugin process was started with, as <see cref="TraceRecordingPlugin"/> recorded them.</summary>
internal sealed record TraceVariables(string TraceParent, string TraceState, string Baggage)
{
    /// <summary>The W3C traceparent naming <paramref name="span"/> as the parent, as a recorded span's context is written.</summary>
    public static string TraceParentOf(Activity span) => $"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-01";

    /// <summary>The baggage entries, whitespace around keys and values dropped (W3C allows it; .NET writes <c>k = v</c>).</summary>
    public IReadOnlyDictionary<string, string> BaggageEntries => Baggage.Split(',')
        .Select(entry => entry.Split('=', 2))
        .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
}
