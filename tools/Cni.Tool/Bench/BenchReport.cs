using System.Text;
using Cni.Tool.Running;

namespace Cni.Tool.Bench;

/// <summary>The markdown report of a bench run: one row per plugin and call.</summary>
internal static class BenchReport
{
    public static string Markdown(IReadOnlyList<BenchSubject> subjects, string configPath, int rounds, int warmup)
    {
        var text = new StringBuilder();
        text.Append(FormattableString.Invariant($"""
            Config `{Path.GetFileName(configPath)}`; {rounds} rounds after {warmup} warm-up rounds; a round is ADD then DEL of one attachment
            per plugin{(subjects.Count > 1 ? ", the plugins interleaved in alternating order" : "")}, each plugin in its own throwaway node namespace.
            Machine: {Environment.ProcessorCount} CPUs, Linux {KernelRelease()}. Latency is from exec to exit. CPU is user + system time
            of the plugin and of what it ran (its IPAM plugin); peak RSS is the plugin process's own high-water mark (VmHWM at exit;
            an IPAM plugin it execs is not in it).

            | Plugin | Call | p50 | p95 | p99 | mean CPU | median peak RSS |
            |---|---|---|---|---|---|---|

            """));
        foreach (var subject in subjects)
        {
            Row(text, subject.Label, "ADD", subject.Adds);
            Row(text, subject.Label, "DEL", subject.Dels);
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, string call, List<CallSample> samples)
    {
        var wall = samples.Select(s => s.Wall).Order().ToList();
        var cpu = TimeSpan.FromTicks((long)samples.Average(s => s.Cpu.Ticks));
        text.Append(FormattableString.Invariant(
            $"| {label} | {call} | {Percentiles.Milliseconds(Percentiles.Of(wall, 50))} | {Percentiles.Milliseconds(Percentiles.Of(wall, 95))} | {Percentiles.Milliseconds(Percentiles.Of(wall, 99))} | {Percentiles.Milliseconds(cpu)} | {PeakRss(samples)} |\n"));
    }

    /// <summary>
    /// The median peak RSS of the calls that were traced; the others (tracing not permitted) are
    /// left out, not counted as 0, and the cell says how many calls it stands for.
    /// </summary>
    public static string PeakRss(IReadOnlyCollection<CallSample> samples)
    {
        var traced = samples.Where(s => s.PeakRssKib is not null).Select(s => s.PeakRssKib!.Value).Order().ToList();
        if (traced.Count == 0)
        {
            return "n/a";
        }

        var median = FormattableString.Invariant($"{traced[traced.Count / 2] / 1024.0:F1} MiB");
        return traced.Count == samples.Count ? median : FormattableString.Invariant($"{median} ({traced.Count} of {samples.Count} calls traced)");
    }

    private static string KernelRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return "(unknown kernel)";
        }
    }
}
