using System.Diagnostics;

namespace Cni.Internal.Diagnostics;

/// <summary>
/// Trace context in environment variables, as OpenTelemetry's environment carrier defines it:
/// <c>TRACEPARENT</c>, <c>TRACESTATE</c> and <c>BAGGAGE</c> hold what the W3C headers
/// <c>traceparent</c>, <c>tracestate</c> and <c>baggage</c> would. The values are read and written by
/// the W3C propagator of <see cref="System.Diagnostics"/>, whatever <see cref="DistributedContextPropagator.Current"/>
/// is, because the carrier's format is W3C's.
/// </summary>
internal static class TraceContextEnvironment
{
    public const string TraceParent = "TRACEPARENT";
    public const string TraceState = "TRACESTATE";
    public const string Baggage = "BAGGAGE";

    private static readonly DistributedContextPropagator s_w3c = DistributedContextPropagator.CreateW3CPropagator();

    /// <summary>
    /// The caller's span from <c>TRACEPARENT</c> and <c>TRACESTATE</c>, marked remote; <see langword="default"/>
    /// when <c>TRACEPARENT</c> is absent or not a valid W3C traceparent (an invalid <c>TRACESTATE</c> alone is dropped).
    /// </summary>
    public static ActivityContext ReadParent(Func<string, string?> environment)
    {
        s_w3c.ExtractTraceIdAndState(environment, Get, out var traceParent, out var traceState);
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent) ? parent : default;
    }

    /// <summary>Adds the entries of <c>BAGGAGE</c> to <paramref name="activity"/>'s baggage; malformed entries are skipped.</summary>
    public static void ReadBaggage(Func<string, string?> environment, Activity activity)
    {
        if (string.IsNullOrEmpty(environment(Baggage)) || s_w3c.ExtractBaggage(environment, Get) is not { } baggage)
        {
            return;
        }

        foreach (var (key, value) in baggage)
        {
            activity.AddBaggage(key, value);
        }
    }

    /// <summary>
    /// Appends <see cref="Activity.Current"/>'s context to a child's <paramref name="environment"/> (entries
    /// applied in order, a <see langword="null"/> value removing the variable): <c>TRACEPARENT</c>, and
    /// <c>TRACESTATE</c> and <c>BAGGAGE</c> when the activity has them. All three are removed first, so values
    /// inherited from this process never pair with the new parent. Without a current activity (or with one
    /// not in W3C format) nothing is appended, and inherited values reach the child unchanged.
    /// </summary>
    public static void Write(List<KeyValuePair<string, string?>> environment)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return;
        }

        environment.Add(new(TraceParent, null));
        environment.Add(new(TraceState, null));
        environment.Add(new(Baggage, null));
        s_w3c.Inject(activity, environment, Set);
    }

    private static void Get(object? carrier, string fieldName, out string? fieldValue, out IEnumerable<string>? fieldValues)
    {
        fieldValues = null;
        fieldValue = carrier is Func<string, string?> environment && VariableOf(fieldName) is { } name ? environment(name) : null;
    }

    private static void Set(object? carrier, string fieldName, string fieldValue)
    {
        if (carrier is List<KeyValuePair<string, string?>> environment && VariableOf(fieldName) is { } name)
        {
            environment.Add(new(name, fieldValue));
        }
    }

    // The propagator names W3C's header fields; the carrier spells them as environment variables. Other
    // fields it may ask for (the pre-W3C Correlation-Context) have no variable.
    private static string? VariableOf(string fieldName) => fieldName switch
    {
        "traceparent" => TraceParent,
        "tracestate" => TraceState,
        "baggage" => Baggage,
        _ => null,
    };
}
