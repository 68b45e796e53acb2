using System.Diagnostics;
using System.Text;

namespace Cni.Templates.Tests;

/// <summary>
/// A temporary directory outside the repository, set up as a new user's machine without network:
/// a nuget.config whose sources are the repository's packed packages (for Cni.*) and the machine's
/// NuGet cache as a local feed (for everything else, such as xunit.v3 and ILCompiler), and a NuGet
/// cache of its own, so the Cni.* packages are the freshly packed ones and not an older copy of the
/// same version in the machine's cache. Commands run in it with an environment cleaned of what the
/// test runner's own dotnet sets, and their output is kept for the failure message.
/// </summary>
internal sealed class ScratchWorkspace : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, string> _environment;
    private readonly ITestOutputHelper _log;

    private ScratchWorkspace(string root, Dictionary<string, string> environment, ITestOutputHelper log)
    {
        Root = root;
        _environment = environment;
        _log = log;
    }

    public string Root { get; }

    public static async Task<ScratchWorkspace> CreateAsync(string packages, ITestOutputHelper log)
    {
        var environment = CleanEnvironment();
        var root = Directory.CreateTempSubdirectory("cnit-template-").FullName;
        var workspace = new ScratchWorkspace(root, environment, log);
        try
        {
            var cache = await workspace.MachineNuGetCacheAsync().ConfigureAwait(false);
            environment["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages");
            await File.WriteAllTextAsync(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="cni" value="{packages}" />
                    <add key="machine-cache" value="{cache}" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="cni"><package pattern="Cni.*" /></packageSource>
                    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """).ConfigureAwait(false);
            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command to completion; a non-zero exit fails the test with the command's output.</summary>
    /// <returns>Its stdout and stderr, interleaved as written.</returns>
    public async Task<string> RunAsync(string workingDirectory, string file, params string[] arguments)
    {
        var command = $"{file} {string.Join(' ', arguments)}";
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{command}` did not finish in {StepTimeout.TotalMinutes} minutes. Its output:\n{Text(output)}");
        }

        // WaitForExitAsync returns once the output pipes are drained too.
        _log.WriteLine($"`{command}` in {workingDirectory}: exit {process.ExitCode} after {stopwatch.Elapsed.TotalSeconds:F0} s");
        if (process.ExitCode != 0)
        {
            Assert.Fail($"`{command}` in {workingDirectory} exited {process.ExitCode}. Its output:\n{Text(output)}");
        }

        return Text(output);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private async Task<string> MachineNuGetCacheAsync()
    {
        // "global-packages: /root/.nuget/packages/"
        var line = await RunAsync(Root, "dotnet", "nuget", "locals", "global-packages", "--list").ConfigureAwait(false);
        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>
    /// This process's environment less what the test runner's dotnet set for itself (MSBuild's paths,
    /// the test platform's variables), which would steer the nested builds; MSBuild nodes and the
    /// compiler server are not left running after the test.
    /// </summary>
    private static Dictionary<string, string> CleanEnvironment()
    {
        string[] runnerPrefixes = ["MSBUILD", "TESTINGPLATFORM_", "VSTEST_", "DOTNET_HOST_PATH"];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!runnerPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                environment[name] = (string?)variable.Value ?? "";
            }
        }

        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return environment;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
