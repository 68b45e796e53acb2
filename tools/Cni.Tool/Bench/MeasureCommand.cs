using System.CommandLine;

namespace Cni.Tool.Bench;

/// <summary>
/// <c>cni measure --report FILE PLUGIN</c> (hidden; bench runs it): runs PLUGIN with this process's
/// environment, stdin, stdout and stderr, and writes its wall time, CPU time and peak RSS to FILE
/// (<see cref="TracedSpawn"/> says how they are measured). Exits with the plugin's status; when the
/// plugin cannot be run, FILE is not written and the error is one line on stderr (exit status 2).
/// </summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var plugin = new Argument<string>("plugin");
        var report = new Option<string>("--report") { Required = true };
        var command = new Command("measure", "Run a plugin and record its wall time, CPU time and peak memory (used by bench).") { plugin, report };
        command.Hidden = true;
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (exitCode, sample) = TracedSpawn.Run(parsed.GetValue(plugin)!);
            await MeasureReport.WriteAsync(parsed.GetValue(report)!, sample, cancellationToken).ConfigureAwait(false);
            return exitCode;
        });
        return command;
    }
}
