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
            of the plugin and of what it ran (its IPAM plugin); peak RSS is the plugin process's own high-water mark (VmHWM at exit).

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
        var traced = samples.Select(s => s.PeakRssKib).Where(r => r > 0).Order().ToList();
        var rss = traced.Count == 0 ? "n/a" : FormattableString.Invariant($"{traced[traced.Count / 2] / 1024.0:F1} MiB");
        text.Append(FormattableString.Invariant(
            $"| {label} | {call} | {Percentiles.Milliseconds(Percentiles.Of(wall, 50))} | {Percentiles.Milliseconds(Percentiles.Of(wall, 95))} | {Percentiles.Milliseconds(Percentiles.Of(wall, 99))} | {Percentiles.Milliseconds(cpu)} | {rss} |\n"));
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
