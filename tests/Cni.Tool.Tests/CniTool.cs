using Cni.Testing;

namespace Cni.Tool.Tests;

/// <summary>The published tool, artifacts/tools/cni, run with only the environment a test gives it.</summary>
internal static class CniTool
{
    public static string Path => Requires.Executable(System.IO.Path.Combine(RepositoryPaths.Root, "artifacts", "tools", "cni"));

    public static Task<(string Stdout, string Stderr, int ExitCode)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var withPath = new Dictionary<string, string>(environment) { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" };
        return PluginProcess.RunAsync(Path, withPath, "", arguments);
    }
}
