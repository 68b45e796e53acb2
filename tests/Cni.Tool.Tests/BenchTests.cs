using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cni.Testing;

namespace Cni.Tool.Tests;

/// <summary><c>cni bench</c>: a short run of our host-local against the reference's, and the hidden <c>measure</c> it uses.</summary>
public sealed partial class BenchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnit-bench-").FullName;
    private readonly string _prefix = $"cnit-bn{Guid.NewGuid().ToString("N")[..6]}";

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Bench_against_the_reference_writes_a_row_per_plugin_and_call_and_a_chart()
    {
        Requires.Root();
        var ours = Requires.Executable(Path.Combine(RepositoryPaths.Plugins, "host-local"));
        var reference = Requires.Executable("/usr/lib/cni/host-local");
        var config = Path.Combine(_directory, "host-local.conf");
        await File.WriteAllTextAsync(config, """{"cniVersion":"1.0.0","name":"cnit-bench","type":"host-local","ipam":{"type":"host-local","subnet":"10.41.0.0/24"}}""", TestContext.Current.CancellationToken);
        var output = Path.Combine(_directory, "out");

        var (stdout, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "bench", ours, "--against", reference, "--config", config, "-n", "6", "--warmup", "1", "--out", output, "--netns-prefix", _prefix);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("bench: round 7/7", stderr, StringComparison.Ordinal);
        var rows = stdout.Split('\n').Where(l => Row().IsMatch(l)).ToList();
        Assert.Equal([$"{ours} ADD", $"{ours} DEL", $"{reference} ADD", $"{reference} DEL"], rows.Select(r => $"{Row().Match(r).Groups["plugin"].Value} {Row().Match(r).Groups["call"].Value}"));
        Assert.All(rows, PlausibleRow);
        Assert.Equal(stdout, await File.ReadAllTextAsync(Path.Combine(output, "bench.md"), TestContext.Current.CancellationToken));

        var svg = XDocument.Load(Path.Combine(output, "bench.svg"));
        var curves = svg.Descendants().Where(e => e.Name.LocalName == "polyline").ToList();
        Assert.Equal(4, curves.Count);
        Assert.All(curves, c => Assert.Equal(6 + 1, c.Attribute("points")!.Value.Split(' ').Length));
        NoNamespacesLeft();
    }

    [Fact]
    public async Task A_plugin_measure_cannot_run_stops_the_bench_with_measures_reason()
    {
        Requires.Root();
        var plugin = Path.Combine(_directory, "not-executable");
        await File.WriteAllTextAsync(plugin, "#!/bin/sh\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead);
        var config = Path.Combine(_directory, "host-local.conf");
        await File.WriteAllTextAsync(config, """{"cniVersion":"1.0.0","name":"cnit-bench","type":"host-local","ipam":{"type":"host-local","subnet":"10.41.0.0/24"}}""", TestContext.Current.CancellationToken);

        var (stdout, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "bench", plugin, "--config", config, "-n", "1", "--warmup", "0", "--out", _directory, "--netns-prefix", _prefix);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("cni bench: ", StringComparison.Ordinal));
        Assert.Contains($"cannot run {plugin}: Permission denied", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        NoNamespacesLeft();
    }

    [Fact]
    public async Task Measure_that_cannot_run_the_plugin_writes_no_report_and_says_why_in_one_line()
    {
        var plugin = Path.Combine(_directory, "not-executable");
        await File.WriteAllTextAsync(plugin, "#!/bin/sh\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead);
        var report = Path.Combine(_directory, "report");

        var (_, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "measure", "--report", report, plugin);

        Assert.Equal(2, exitCode);
        Assert.Equal($"cni measure: cannot run {plugin}: Permission denied (errno 13)\n", stderr);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public async Task Measure_reports_the_plugins_own_peak_memory_and_passes_its_output_and_exit_code_through()
    {
        var plugin = Requires.Executable("/usr/lib/cni/host-local");
        var report = Path.Combine(_directory, "report");

        var (stdout, _, exitCode) = await CniTool.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION", ["GOMAXPROCS"] = "1" }, "measure", "--report", report, plugin);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("{\"cniVersion\":", stdout, StringComparison.Ordinal);
        var fields = (await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).Split(' ').Select(long.Parse).ToArray();
        // Wall and CPU time both measured: a Go program's start alone takes CPU (about 2 ms), not a second of it,
        // and its wall time stays under 5 s even on a loaded machine.
        Assert.InRange(TimeSpan.FromTicks(fields[0]), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5));
        Assert.InRange(TimeSpan.FromTicks(fields[1]), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));

        // The plugin's own high-water mark (about 4 MiB for host-local's VERSION), not the launcher's
        // image it was spawned from (over 7 MiB), which getrusage's ru_maxrss would report. One Go
        // processor: the Go runtime's memory grows with the CPU count (6.2 MiB with 256).
        Assert.InRange(fields[2], 1, 6 * 1024);
    }

    [Fact]
    public async Task Measure_traces_even_a_program_that_exits_at_once()
    {
        // /bin/true is done in well under a millisecond: traced only when the trace is in place before it runs.
        var program = Requires.Executable("/bin/true");
        for (var i = 0; i < 20; i++)
        {
            var report = Path.Combine(_directory, $"report-{i}");

            var (_, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "measure", "--report", report, program);

            Assert.True(exitCode == 0, stderr);
            var fields = (await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).Split(' ');
            Assert.True(long.TryParse(fields[2], out var peakRssKib) && peakRssKib is > 0 and < 4 * 1024, string.Join(' ', fields));
        }
    }

    [Fact]
    public async Task Measure_counts_the_CPU_of_a_plugin_that_execs_again()
    {
        // A wrapper that works, then hands over to another program (as a shim does): its CPU stays counted.
        var plugin = Path.Combine(_directory, "wrapper");
        await File.WriteAllTextAsync(plugin, "#!/bin/sh\ni=0\nwhile [ $i -lt 100000 ]; do i=$((i+1)); done\nexec /bin/true\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var report = Path.Combine(_directory, "report");

        var (_, stderr, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "measure", "--report", report, plugin);

        Assert.True(exitCode == 0, stderr);
        var fields = (await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).Split(' ').Select(long.Parse).ToArray();
        Assert.True(TimeSpan.FromTicks(fields[1]) > TimeSpan.FromMilliseconds(20), $"CPU {TimeSpan.FromTicks(fields[1])}, wall {TimeSpan.FromTicks(fields[0])}");
    }

    [Fact]
    public async Task Measure_passes_a_failing_exit_status_through()
    {
        var program = Requires.Executable("/bin/false");
        var report = Path.Combine(_directory, "report");

        var (_, _, exitCode) = await CniTool.RunAsync(new Dictionary<string, string>(), "measure", "--report", report, program);

        Assert.Equal(1, exitCode);
        Assert.True(File.Exists(report));
    }

    /// <summary>
    /// Every figure of a row measured, not zero nor garbage: latencies positive and ordered (p50 &lt;= p95 &lt;= p99),
    /// under 5 s for a host-local call even on a loaded 2-core machine; CPU positive (every exec costs some)
    /// and no more than the slowest call's wall time times the 2 cores; peak RSS of a small process, over 0 and under 64 MiB.
    /// </summary>
    private static void PlausibleRow(string row)
    {
        var match = Row().Match(row);
        double Figure(string name) => double.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (p50, p95, p99, cpu, rss) = (Figure("p50"), Figure("p95"), Figure("p99"), Figure("cpu"), Figure("rss"));
        Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 < 5000, row);
        Assert.True(cpu > 0 && cpu <= p99 * Environment.ProcessorCount, row);
        Assert.True(rss is > 0 and < 64, row);
    }

    private void NoNamespacesLeft() => Assert.DoesNotContain(Directory.EnumerateFiles("/run/netns"), f => Path.GetFileName(f).StartsWith(_prefix, StringComparison.Ordinal));

    // Every call traced: a peak RSS for all of them, not "n/a" nor "(N of M calls traced)".
    [GeneratedRegex(@"^\| (?<plugin>\S+) \| (?<call>ADD|DEL) \| (?<p50>[0-9.]+) ms \| (?<p95>[0-9.]+) ms \| (?<p99>[0-9.]+) ms \| (?<cpu>[0-9.]+) ms \| (?<rss>[0-9.]+) MiB \|$")]
    private static partial Regex Row();
}
