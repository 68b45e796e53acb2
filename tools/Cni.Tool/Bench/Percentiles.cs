namespace Cni.Tool.Bench;

/// <summary>Nearest-rank percentiles of a set of durations.</summary>
internal static class Percentiles
{
    public static TimeSpan Of(IReadOnlyList<TimeSpan> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string Milliseconds(TimeSpan value) => FormattableString.Invariant($"{value.TotalMilliseconds:F2} ms");
}
