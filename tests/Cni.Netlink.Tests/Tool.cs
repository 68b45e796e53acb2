using System.Diagnostics;
using System.Text.Json;

namespace Cni.Netlink.Tests;

/// <summary>Runs iproute2 (tc, ip) and ping from tests: the other side of what Cni.Netlink does.</summary>
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

    /// <summary>Runs a command that must succeed and prints JSON (<c>tc -j</c>, <c>ip -j</c>); returns the parsed output.</summary>
    public static JsonElement Json(string command, params string[] arguments)
    {
        var (exitCode, output, error) = Run(command, arguments);
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', arguments)} exited with {exitCode}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
