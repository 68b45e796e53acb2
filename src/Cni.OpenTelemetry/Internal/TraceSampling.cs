using System.Diagnostics;
using System.Globalization;

namespace Cni.OpenTelemetry.Internal;

/// <summary>
/// Whether the sampler the variables choose can record any of the command's spans, decided before anything of
/// OpenTelemetry is created. The SDK reads <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c> itself
/// (names case-insensitive, <c>parentbased_always_on</c> when unset or unknown, a ratio it cannot read counting as
/// 1); when its sampler would drop every span of the command, no tracer provider is made, which is most of what
/// starting an export costs. A runtime that samples a share of its pods then pays for the others nothing but the
/// metrics they export, and the trace context still reaches delegated plugins: the host hands <c>TRACEPARENT</c>
/// on unchanged, its sampled flag unset. (A span the plugin starts as a new root, with no parent, is dropped with
/// the rest, where the SDK's root sampler might have kept it.)
/// </summary>
internal static class TraceSampling
{
    /// <summary>
    /// <see langword="true"/> when no span of the command can be sampled: <c>always_off</c>, a ratio of 0, or a
    /// parent-based sampler whose parent, the caller's span in <c>TRACEPARENT</c>, was not sampled (without a
    /// parent, the root sampler decides).
    /// </summary>
    /// <param name="environment">The plugin's environment.</param>
    public static bool NothingSampled(Func<string, string?> environment)
    {
        var sampler = SignalSettings.Value(environment, "OTEL_TRACES_SAMPLER")?.ToLowerInvariant();
        switch (sampler)
        {
            case "always_on":
                return false;
            case "always_off":
                return true;
            case "traceidratio":
                return RatioIsZero(environment);
        }

        // parentbased_always_on, parentbased_always_off, parentbased_traceidratio, or the default.
        if (SignalSettings.Value(environment, "TRACEPARENT") is { } traceParent
            && ActivityContext.TryParse(traceParent, traceState: null, out var parent))
        {
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) == 0;
        }

        return sampler switch
        {
            "parentbased_always_off" => true,
            "parentbased_traceidratio" => RatioIsZero(environment),
            _ => false,
        };
    }

    private static bool RatioIsZero(Func<string, string?> environment)
        => double.TryParse(SignalSettings.Value(environment, "OTEL_TRACES_SAMPLER_ARG"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio)
            && ratio == 0;
}
