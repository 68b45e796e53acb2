using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cni.Plugins.Internal;

/// <summary>Runs a node tool (iptables, nft) and collects its exit status and output.</summary>
internal static partial class ExternalCommand
{
    /// <summary>Runs <paramref name="tool"/>; what it is given on stdin (the rules written or deleted) is logged at Debug first.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, string[] arguments, string? input, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (input is not null)
        {
            LogRules(logger, tool, input);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Tool} given:\n{Rules}")]
    private static partial void LogRules(ILogger logger, string tool, string rules);
}
