using System.CommandLine;
using Cni.Tool.Running;

namespace Cni.Tool.Bench;

/// <summary><c>cni bench PLUGIN --config FILE [--against OTHER]</c>: ADD and DEL latency, CPU and memory per call.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var plugin = new Argument<string>("plugin") { Description = "The plugin binary to measure." };
        var config = PluginOptions.Config("Its configuration: one plugin's JSON (.conf).");
        var against = new Option<string>("--against") { Description = "A second plugin binary run with the same configuration, interleaved with the first.", HelpName = "plugin" };
        var rounds = PluginOptions.Count("--rounds", "-n", "Measured rounds (each: ADD then DEL per plugin).", 200, minimum: 1);
        var warmup = PluginOptions.Count("--warmup", "", "Rounds run first and not measured (page cache, first-run costs).", 10, minimum: 0);
        var cniPath = PluginOptions.CniPath();
        var prefix = PluginOptions.NamespacePrefix("cni-bench");
        var output = new Option<string>("--out", "-o") { Description = "Folder for bench.md (the report) and bench.svg (the latency chart).", HelpName = "dir", DefaultValueFactory = _ => "." };
        var command = new Command(
            "bench",
            """
            Measure a plugin as a runtime sees it (as root): rounds of ADD then DEL of one attachment, each
            call timed from exec to exit, with its CPU time (user + system, IPAM child included) and peak
            memory. With --against, a second plugin runs with the same configuration in alternating order
            round by round, so both see the same machine load. Each plugin runs in its own throwaway node
            namespace. Prints a progress line while it runs, then a markdown table (p50, p95, p99, CPU,
            memory), also written to <out>/bench.md, with a chart of the latency distributions in <out>/bench.svg.
            Exit status 0 when the report is written, 1 when the command line is wrong, 2 when the run could
            not start or stopped (no plugin, not root, bad configuration, a failed call); the error is one
            line on stderr.

            Example:
              cni bench artifacts/plugins/bridge --against /usr/lib/cni/bridge --config bridge.conf -n 300
            """)
        {
            plugin, config, against, rounds, warmup, cniPath, prefix, output,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new[] { parsed.GetValue(plugin)!, parsed.GetValue(against) }.OfType<string>().ToList(), parsed.GetValue(config)!, parsed.GetValue(cniPath)!,
            parsed.GetValue(rounds), parsed.GetValue(warmup), parsed.GetValue(prefix)!, parsed.GetValue(output)!, cancellationToken));
        return command;
    }

    /// <exception cref="ToolException">The run cannot start or a call failed (ToolCommand reports it, exit status 2).</exception>
    private static async Task<int> RunAsync(List<string> plugins, string configPath, string cniPath, int rounds, int warmup, string prefix, string output, CancellationToken cancellationToken)
    {
        var tool = Environment.ProcessPath ?? throw new ToolException("cannot find this program's own path to run `cni measure`");
        foreach (var path in plugins.Where(p => !File.Exists(p)))
        {
            throw new ToolException($"no plugin at {path}");
        }

        var sandboxes = new List<Sandbox>();
        try
        {
            var subjects = new List<BenchSubject>();
            foreach (var (path, index) in plugins.Select((p, i) => (p, i)))
            {
                var sandbox = Sandbox.Create(prefix);
                sandboxes.Add(sandbox);
                var config = ConfigUnderTest.Load(configPath, Path.Combine(sandbox.Directory, "ipam"));
                subjects.Add(new BenchSubject(path, new PluginRunner(Path.GetFullPath(path), cniPath, sandbox), config, sandbox.AddContainer(), $"{prefix}-{index}"));
            }

            var progress = new BenchProgress(subjects, rounds + warmup);
            try
            {
                for (var round = 0; round < rounds + warmup; round++)
                {
                    // Alternating who goes first cancels out any advantage of running right after the other.
                    var order = round % 2 == 0 ? subjects : Enumerable.Reverse(subjects);
                    foreach (var subject in order)
                    {
                        await subject.RoundAsync(tool, record: round >= warmup, cancellationToken).ConfigureAwait(false);
                    }

                    progress.Report(round + 1);
                }
            }
            finally
            {
                // Ends the progress line, so an error starts a line of its own.
                progress.Done();
            }

            Directory.CreateDirectory(output);
            var report = BenchReport.Markdown(subjects, configPath, rounds, warmup);
            await File.WriteAllTextAsync(Path.Combine(output, "bench.md"), report, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(output, "bench.svg"), LatencyChart.Svg(subjects), cancellationToken).ConfigureAwait(false);
            Console.Write(report);
            await Console.Error.WriteLineAsync($"wrote {Path.Combine(output, "bench.md")} and {Path.Combine(output, "bench.svg")}").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            foreach (var sandbox in sandboxes)
            {
                sandbox.Dispose();
            }
        }
    }
}
