using System.Diagnostics;

namespace Cni.Netlink.Tests;

/// <summary>Runs a tool from a test (strace around tc, ping) for its exit code and output; iproute2's JSON comes from <see cref="Iproute2"/>.</summary>
internal static class Tool
{
    /// <summary>Runs a command on PATH and returns its exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(Requires.Command(command), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
